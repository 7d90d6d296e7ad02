/* Marketing Premium (issue 4, DESIGN §1): UTM parsing, form submissions
 * (first touch and conversion, idempotent ids, companies, lead status),
 * Distribute to owner, the licence and the settings, users and user groups,
 * the lead overview and the migration from schema version 1. One test per
 * behaviour; outcomes are read back from the tables. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <inttypes.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "leads.h"
#include "lists.h"
#include "marketing.h"
#include "overview.h"
#include "rights.h"
#include "submit.h"
#include "testutil.h"
#include "text.h"
#include "users.h"
#include "utm.h"

static struct db *db;
static struct la_actor admin;
static int64_t anna, jonas, mia, paul, lead_cat;
static char tmpdir[256];

static int64_t add_user(const char *login, enum la_role role)
{
	struct la_actor a;

	tu_server_login(login);
	tu_actor(db, login, role, &a);
	return a.associate_id;
}

static void setup(void)
{
	db = tu_db("en");
	tu_admin(db, &admin);
	anna = add_user("anna.berg", ROLE_USER);
	jonas = add_user("jonas.kraft", ROLE_USER);
	mia = add_user("mia.stein", ROLE_USER);
	paul = add_user("paul.roth", ROLE_USER);
	lead_cat = tu_int(db, "SELECT category_id FROM category WHERE name = 'Lead'", -1);
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void teardown(void)
{
	if (db)
		db_close(db);
	db = NULL;
	if (tmpdir[0])
		nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	tmpdir[0] = '\0';
}

static const char *tmp_path(const char *name)
{
	static char buf[512];

	if (!tmpdir[0]) {
		snprintf(tmpdir, sizeof(tmpdir), "/tmp/la_test_marketing.XXXXXX");
		ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp: %s", strerror(errno));
	}
	snprintf(buf, sizeof(buf), "%s/%s", tmpdir, name);
	return buf;
}

static long count(const char *sql)
{
	return tu_int(db, sql, -1);
}

static long owned_by(int64_t id)
{
	return tu_int(db, "SELECT count(*) FROM person WHERE associate_id = ?", id);
}

#define assert_str(got, want) \
	ck_assert_msg((got) && strcmp((got), (want)) == 0, "got '%s', want '%s'", \
		      (got) ? (got) : "(null)", (want))

/* ------------------------------------------------------------ settings */

static void licence(bool on)
{
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(marketing_set_licence(db, &admin, LICENCE_MARKETING_PREMIUM, on, &err) == LA_OK,
		      "licence: %s", err.msg);
}

struct cfg {
	bool utm;
	enum distribute_mode mode;
	int64_t ids[4];
	size_t n;
	int64_t cat;
	bool any_owner;      /* only_unassigned off */
	int64_t fallback;
	int64_t group;
};

static void configure(const struct cfg *c)
{
	struct marketing_settings ms;
	struct la_err err;

	la_err_clear(&err);
	ck_assert(marketing_load(db, &ms, &err) == LA_OK);
	marketing_settings_free(&ms);
	ms.utm_enabled = c->utm;
	ms.mode = c->mode;
	ms.form_category_id = c->cat;
	ms.only_unassigned = !c->any_owner;
	ms.fallback_id = c->fallback;
	ms.group_id = c->group;
	if (c->n) {
		ms.associates = malloc(c->n * sizeof(*ms.associates));
		ck_assert_ptr_nonnull(ms.associates);
		memcpy(ms.associates, c->ids, c->n * sizeof(*ms.associates));
		ms.nassociates = c->n;
	}
	ck_assert_msg(marketing_save(db, &admin, &ms, &err) == LA_OK, "save: %s", err.msg);
	marketing_settings_free(&ms);
}

/* Licence on, UTM on, evenly to anna, jonas and mia, forms into Lead. */
static void standard(void)
{
	licence(true);
	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_ASSOCIATES,
				 .ids = { anna, jonas, mia }, .n = 3, .cat = lead_cat });
}

static struct submit_result sub(const char *json)
{
	struct submit_result r;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(submit_one(db, &admin, json, strlen(json), &r, &err) == LA_OK,
		      "submit_one: %s", err.msg);
	return r;
}

/* A plain submission: id, e-mail and extra members (",..." or ""). */
static struct submit_result subf(const char *id, const char *email, const char *extra)
{
	char buf[4096];

	snprintf(buf, sizeof(buf),
		 "{\"id\": \"%s\", \"email\": \"%s\", \"firstname\": \"First\", "
		 "\"lastname\": \"Last\", \"submitted\": \"2026-03-01T10:00:00Z\"%s}",
		 id, email, extra);
	return sub(buf);
}

struct rejects {
	int n;
	long line[32];
	char reason[32][256];
};

static void on_reject(void *ctx, long line, const char *reason)
{
	struct rejects *rj = ctx;

	ck_assert_int_lt(rj->n, 32);
	rj->line[rj->n] = line;
	snprintf(rj->reason[rj->n], sizeof(rj->reason[0]), "%s", reason);
	rj->n++;
}

static enum la_status stream_bytes(const char *text, size_t len, bool strict,
				   struct submit_summary *sum, struct rejects *rj)
{
	FILE *f = fmemopen((void *)text, len, "r");
	struct la_err err;
	enum la_status rc;

	ck_assert_ptr_nonnull(f);
	la_err_clear(&err);
	rc = submit_stream(db, &admin, f, strict, on_reject, rj, sum, &err);
	fclose(f);
	return rc;
}

static enum la_status stream(const char *text, bool strict, struct submit_summary *sum,
			     struct rejects *rj)
{
	return stream_bytes(text, strlen(text), strict, sum, rj);
}

/* submit_one on len bytes of text. */
static struct submit_result sub_bytes(const char *text, size_t len)
{
	struct submit_result r;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(submit_one(db, &admin, text, len, &r, &err) == LA_OK,
		      "submit_one: %s", err.msg);
	return r;
}

/* ------------------------------------------------------------ UTM parsing */

static struct utm parsed(const char *url)
{
	struct utm u;

	memset(&u, 0, sizeof(u));
	utm_from_url(&u, url);
	return u;
}

START_TEST(utm_percent_decoding_including_utf8)
{
	struct utm u = parsed("https://shop.example/form?utm_source=Gr%C3%BCne%20Wiese&utm_medium=e%2dmail");

	assert_str(u.value[UTM_SOURCE], "Grüne Wiese");
	assert_str(u.value[UTM_MEDIUM], "e-mail");
	utm_clear(&u);
}
END_TEST

START_TEST(utm_plus_is_space_and_encoded_plus_stays)
{
	struct utm u = parsed("https://x.example/?utm_campaign=spring+sale&utm_term=c%2B%2B");

	assert_str(u.value[UTM_CAMPAIGN], "spring sale");
	assert_str(u.value[UTM_TERM], "c++");
	utm_clear(&u);
}
END_TEST

START_TEST(utm_names_case_insensitive)
{
	struct utm u = parsed("https://x.example/?UTM_Source=news&Utm_MEDIUM=mail&utm_CONTENT=c");

	assert_str(u.value[UTM_SOURCE], "news");
	assert_str(u.value[UTM_MEDIUM], "mail");
	assert_str(u.value[UTM_CONTENT], "c");
	utm_clear(&u);
}
END_TEST

START_TEST(utm_first_of_repeated_wins)
{
	struct utm u = parsed("https://x.example/?utm_source=first&utm_SOURCE=second&utm_source=third");

	assert_str(u.value[UTM_SOURCE], "first");
	utm_clear(&u);
}
END_TEST

START_TEST(utm_first_of_repeated_wins_even_when_empty)
{
	struct utm u = parsed("https://x.example/?utm_source=&utm_source=second");

	ck_assert_ptr_null(u.value[UTM_SOURCE]);
	utm_clear(&u);
}
END_TEST

START_TEST(utm_missing_parameters_are_null)
{
	struct utm u = parsed("https://x.example/?utm_source=a&other=1&utm_sourcex=2&xutm_medium=3");
	int k;

	assert_str(u.value[UTM_SOURCE], "a");
	for (k = UTM_MEDIUM; k < UTM_KEYS; k++)
		ck_assert_msg(u.value[k] == NULL, "%s is set", utm_key_name((enum utm_key)k));
	utm_clear(&u);
	u = parsed("https://x.example/?a=1&b=2");
	ck_assert(utm_empty(&u));
	utm_clear(&u);
}
END_TEST

START_TEST(utm_empty_value_is_null)
{
	struct utm u = parsed("https://x.example/?utm_source=&utm_medium&utm_campaign=%20+%20&utm_term=t");

	ck_assert_ptr_null(u.value[UTM_SOURCE]);
	ck_assert_ptr_null(u.value[UTM_MEDIUM]);
	ck_assert_ptr_null(u.value[UTM_CAMPAIGN]);
	assert_str(u.value[UTM_TERM], "t");
	utm_clear(&u);
}
END_TEST

START_TEST(utm_overlong_cut_to_255_characters)
{
	char url[2048] = "https://x.example/?utm_source=";
	struct utm u;
	int i;

	for (i = 0; i < 300; i++)
		strcat(url, "a");
	u = parsed(url);
	ck_assert_uint_eq(strlen(u.value[UTM_SOURCE]), UTM_VALUE_MAX);
	utm_clear(&u);
}
END_TEST

START_TEST(utm_overlong_multibyte_counted_in_characters)
{
	char url[8192] = "https://x.example/?utm_source=a";
	struct utm u;
	char *s;
	int i;

	/* 'a' then 300 times ü (2 bytes) and 300 times an emoji (4 bytes):
	 * byte 255 falls inside a character. */
	for (i = 0; i < 300; i++)
		strcat(url, "%C3%BC");
	strcat(url, "&utm_medium=");
	for (i = 0; i < 300; i++)
		strcat(url, "%F0%9F%98%80");
	u = parsed(url);
	s = u.value[UTM_SOURCE];
	ck_assert(text_utf8_valid(s, strlen(s)));
	ck_assert_uint_eq(text_chars(s), UTM_VALUE_MAX);
	ck_assert_uint_eq(strlen(s), 1 + 2 * (UTM_VALUE_MAX - 1));
	ck_assert(strncmp(s + strlen(s) - 2, "ü", 2) == 0);
	s = u.value[UTM_MEDIUM];
	ck_assert(text_utf8_valid(s, strlen(s)));
	ck_assert_uint_eq(text_chars(s), UTM_VALUE_MAX);
	ck_assert_uint_eq(strlen(s), 4 * UTM_VALUE_MAX);
	utm_clear(&u);
}
END_TEST

START_TEST(utm_values_trimmed)
{
	struct utm u = parsed("https://x.example/?utm_source=++news+letter++&utm_medium=%20%09mail%0A");

	assert_str(u.value[UTM_SOURCE], "news letter");
	assert_str(u.value[UTM_MEDIUM], "mail");
	utm_clear(&u);
}
END_TEST

START_TEST(utm_control_characters_dropped)
{
	struct utm u = parsed("https://x.example/?utm_source=a%1B%5B31mb&utm_medium=x%7Fy%C2%9Bz%00w");

	assert_str(u.value[UTM_SOURCE], "a[31mb");
	assert_str(u.value[UTM_MEDIUM], "xyzw");
	utm_clear(&u);
}
END_TEST

START_TEST(utm_invalid_utf8_becomes_replacement_character)
{
	struct utm u = parsed("https://x.example/?utm_source=a%FFb&utm_medium=%C3");

	assert_str(u.value[UTM_SOURCE], "a\xEF\xBF\xBD" "b");
	assert_str(u.value[UTM_MEDIUM], "\xEF\xBF\xBD");
	utm_clear(&u);
}
END_TEST

START_TEST(utm_fragment_ignored)
{
	struct utm u = parsed("https://x.example/page#utm_source=x");

	ck_assert(utm_empty(&u));
	utm_clear(&u);
	u = parsed("https://x.example/page?utm_medium=m#utm_source=x&utm_campaign=c");
	ck_assert_ptr_null(u.value[UTM_SOURCE]);
	ck_assert_ptr_null(u.value[UTM_CAMPAIGN]);
	assert_str(u.value[UTM_MEDIUM], "m");
	utm_clear(&u);
}
END_TEST

START_TEST(utm_no_query)
{
	struct utm u = parsed("https://x.example/page");

	ck_assert(utm_empty(&u));
	utm_clear(&u);
	u = parsed(NULL);
	ck_assert(utm_empty(&u));
	utm_clear(&u);
	u = parsed("https://x.example/page?");
	ck_assert(utm_empty(&u));
	utm_clear(&u);
}
END_TEST

static void domain_is(const char *url, const char *want)
{
	char *d = utm_domain(url);

	if (want)
		ck_assert_msg(d && strcmp(d, want) == 0, "%s: got '%s', want '%s'", url,
			      d ? d : "(null)", want);
	else
		ck_assert_msg(d == NULL, "%s: got '%s', want none", url ? url : "(null)", d);
	free(d);
}

START_TEST(utm_domain_forms)
{
	domain_is("https://WWW.Google.COM/search?q=x", "www.google.com");
	domain_is("http://example.com:8080/x", "example.com");
	domain_is("https://user:secret@host.example/path", "host.example");
	domain_is("https://user@Host.Example:443", "host.example");
	domain_is("http://[2001:DB8::1]:8080/x", "[2001:db8::1]");
	domain_is("example.org/path?x=1", "example.org");
	domain_is("//cdn.example.net/lib.js", "cdn.example.net");
	domain_is("https://a.example/x@y", "a.example");
	domain_is("", NULL);
	domain_is(NULL, NULL);
	domain_is("https:///path", NULL);
}
END_TEST

/* ------------------------------------------------------------ submissions */

START_TEST(new_person_first_touch_from_firsttouch_object)
{
	struct submit_result r;
	int64_t fs;

	standard();
	r = sub("{\"id\": \"ft1\", \"email\": \"nina@example.com\", \"firstname\": \"Nina\", "
		"\"lastname\": \"Neu\", \"url\": \"https://shop.example/form?utm_source=newsletter"
		"&utm_medium=email&utm_campaign=march\", \"referrer\": \"https://Mail.Example.NET/inbox\", "
		"\"submitted\": \"2026-03-01T10:00:00+01:00\", \"firsttouch\": {\"source\": \"google\", "
		"\"medium\": \"cpc\", \"utm_campaign\": \"spring\", \"term\": \"crm tool\", "
		"\"content\": \"ad1\", \"referrer\": \"https://www.Google.com/search?q=crm\", "
		"\"when\": \"2026-02-01T08:00:00Z\"}}");
	ck_assert_int_eq(r.outcome, SUBMIT_CREATED);
	ck_assert_int_eq(count("SELECT count(*) FROM utm_parameters"), 1);
	fs = tu_int(db, "SELECT form_submission_id FROM form_submission WHERE submission_key = 'ft1'", -1);
	ck_assert_int_eq(tu_int(db, "SELECT created_person_id FROM utm_parameters", -1), r.person_id);
	ck_assert_int_eq(tu_int(db, "SELECT form_submission_id FROM utm_parameters", -1), fs);
	ck_assert_int_eq(count("SELECT count(*) FROM utm_parameters WHERE created_contact_id IS NULL"), 1);
	assert_str(tu_text(db, "SELECT firsttouch_source || '|' || firsttouch_medium || '|' || "
			   "firsttouch_campaign || '|' || firsttouch_term || '|' || firsttouch_content || '|' || "
			   "firsttouch_referrerdomain || '|' || firsttouch_when FROM utm_parameters", -1),
		   "google|cpc|spring|crm tool|ad1|www.google.com|2026-02-01 08:00:00");
	assert_str(tu_text(db, "SELECT source || '|' || medium || '|' || campaign || '|' || "
			   "coalesce(term, 'NULL') || '|' || referrerdomain || '|' || \"when\" "
			   "FROM utm_parameters", -1),
		   "newsletter|email|march|NULL|mail.example.net|2026-03-01 09:00:00");
	assert_str(tu_text(db, "SELECT kind FROM form_submission WHERE submission_key = 'ft1'", -1),
		   "created");
}
END_TEST

START_TEST(new_person_first_touch_from_visit_without_firsttouch)
{
	struct submit_result r;

	standard();
	r = subf("v1", "vera@example.com",
		 ", \"url\": \"https://shop.example/?utm_source=linkedin&utm_campaign=fair\", "
		 "\"referrer\": \"https://www.LinkedIn.com/feed\"");
	ck_assert_int_eq(r.outcome, SUBMIT_CREATED);
	assert_str(tu_text(db, "SELECT firsttouch_source || '|' || firsttouch_campaign || '|' || "
			   "coalesce(firsttouch_medium, 'NULL') || '|' || firsttouch_referrerdomain || '|' || "
			   "firsttouch_when || '|' || source FROM utm_parameters WHERE created_person_id = ?",
			   r.person_id),
		   "linkedin|fair|NULL|www.linkedin.com|2026-03-01 10:00:00|linkedin");
}
END_TEST

START_TEST(explicit_utm_wins_over_the_address)
{
	struct submit_result r;

	standard();
	r = subf("x1", "xaver@example.com",
		 ", \"url\": \"https://shop.example/?utm_source=url&utm_medium=urlmedium\", "
		 "\"utm\": {\"utm_source\": \"explicit\"}");
	ck_assert_int_eq(r.outcome, SUBMIT_CREATED);
	assert_str(tu_text(db, "SELECT source || '|' || medium FROM form_submission", -1),
		   "explicit|urlmedium");
}
END_TEST

START_TEST(known_email_any_case_is_a_conversion)
{
	struct submit_result first, again;
	char want[256];

	standard();
	first = subf("c1", "Known@Example.com",
		     ", \"url\": \"https://shop.example/?utm_source=google\"");
	ck_assert_int_eq(first.outcome, SUBMIT_CREATED);
	again = subf("c2", "known@EXAMPLE.COM",
		     ", \"url\": \"https://shop.example/p?utm_source=newsletter&utm_campaign=april\", "
		     "\"referrer\": \"https://News.example.org/x\"");
	ck_assert_int_eq(again.outcome, SUBMIT_UPDATED);
	ck_assert_int_eq(again.person_id, first.person_id);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM email"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM utm_parameters"), 1);
	assert_str(tu_text(db, "SELECT source FROM utm_parameters", -1), "google");
	snprintf(want, sizeof(want), "conversion|%lld|newsletter|april|news.example.org|"
		 "https://shop.example/p?utm_source=newsletter&utm_campaign=april",
		 (long long)first.person_id);
	assert_str(tu_text(db, "SELECT kind || '|' || person_id || '|' || source || '|' || campaign "
			   "|| '|' || referrerdomain || '|' || url FROM form_submission "
			   "WHERE submission_key = 'c2'", -1), want);
}
END_TEST

START_TEST(person_known_before_forms_gets_a_conversion)
{
	struct la_err err;
	int64_t pid;
	struct submit_result r;

	standard();
	ck_assert(leads_person_add(db, 0, 0, "Old", "Timer", "old.timer@example.com", paul, &pid,
				   &err) == LA_OK);
	r = subf("o1", "OLD.TIMER@example.com", ", \"url\": \"https://x.example/?utm_source=ads\"");
	ck_assert_int_eq(r.outcome, SUBMIT_UPDATED);
	ck_assert_int_eq(r.person_id, pid);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM utm_parameters"), 0);
	assert_str(tu_text(db, "SELECT kind || '|' || source FROM form_submission", -1), "conversion|ads");
}
END_TEST

static const char *snapshot(void)
{
	return tu_text(db,
		       "SELECT (SELECT count(*) FROM person) || '|' || (SELECT count(*) FROM contact) "
		       "|| '|' || (SELECT count(*) FROM email) || '|' || (SELECT count(*) FROM form_submission) "
		       "|| '|' || (SELECT count(*) FROM utm_parameters) || '|' || "
		       "coalesce((SELECT value FROM setting WHERE key = 'marketing.rotation_last'), '-') "
		       "|| '|' || (SELECT group_concat(person_id || ':' || coalesce(CAST(associate_id AS TEXT), '-'), ',') FROM person)",
		       -1);
}

START_TEST(same_id_twice_is_skipped)
{
	char before[1024];
	struct submit_result r;

	standard();
	r = subf("dup", "dup@example.com", ", \"company\": \"Dup AG\"");
	ck_assert_int_eq(r.outcome, SUBMIT_CREATED);
	snprintf(before, sizeof(before), "%s", snapshot());
	r = subf("dup", "dup@example.com", ", \"company\": \"Dup AG\"");
	ck_assert_int_eq(r.outcome, SUBMIT_SKIPPED);
	ck_assert_int_eq(r.owner_id, 0);
	assert_str(snapshot(), before);
	/* The id decides, not the content. */
	r = subf("dup", "other@example.com", ", \"company\": \"Other AG\"");
	ck_assert_int_eq(r.outcome, SUBMIT_SKIPPED);
	assert_str(snapshot(), before);
}
END_TEST

START_TEST(numeric_id_is_an_id_too)
{
	struct submit_result r;

	standard();
	r = sub("{\"id\": 17, \"email\": \"n17@example.com\"}");
	ck_assert_int_eq(r.outcome, SUBMIT_CREATED);
	r = sub("{\"id\": 17, \"email\": \"n17b@example.com\"}");
	ck_assert_int_eq(r.outcome, SUBMIT_SKIPPED);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), 1);
}
END_TEST

START_TEST(company_matched_case_insensitively)
{
	struct la_err err;
	int64_t company;
	struct submit_result r;

	standard();
	ck_assert(leads_company_add(db, "Müller & Söhne GmbH", lead_cat, paul, &company, &err) == LA_OK);
	r = subf("m1", "m1@example.com", ", \"company\": \"MÜLLER & SÖHNE GMBH\"");
	ck_assert_int_eq(r.outcome, SUBMIT_CREATED);
	ck_assert_int_eq(r.contact_id, company);
	ck_assert_int_eq(count("SELECT count(*) FROM contact"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT contact_id FROM person WHERE person_id = ?", r.person_id), company);
	/* Not a new company: no company source, the owner stays. */
	ck_assert_int_eq(count("SELECT count(*) FROM utm_parameters WHERE created_contact_id IS NOT NULL"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT associate_id FROM contact WHERE contact_id = ?", company), paul);
}
END_TEST

START_TEST(new_company_in_form_category_with_first_contacts_owner)
{
	int64_t web = tu_category(db, "Web leads", GROUP_POTENTIAL_CUSTOMER, true);
	struct submit_result a, b;
	char want[256];

	licence(true);
	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_ASSOCIATES,
				 .ids = { mia, anna }, .n = 2, .cat = web });
	a = subf("n1", "n1@example.com", ", \"company\": \"Neu GmbH\"");
	ck_assert_int_eq(a.outcome, SUBMIT_CREATED);
	ck_assert_int_ne(a.contact_id, 0);
	ck_assert_int_eq(a.owner_id, anna);
	snprintf(want, sizeof(want), "Neu GmbH|%lld|%lld", (long long)web, (long long)anna);
	assert_str(tu_text(db, "SELECT name || '|' || category_idx || '|' || associate_id FROM contact "
			   "WHERE contact_id = ?", a.contact_id), want);
	ck_assert_int_eq(tu_int(db, "SELECT created_contact_id FROM utm_parameters WHERE created_person_id = ?",
				a.person_id), a.contact_id);
	/* A second contact of the same company: no new company, its owner stays. */
	b = subf("n2", "n2@example.com", ", \"company\": \"neu gmbh\"");
	ck_assert_int_eq(b.contact_id, a.contact_id);
	ck_assert_int_eq(b.owner_id, mia);
	ck_assert_int_eq(count("SELECT count(*) FROM contact"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT associate_id FROM contact WHERE contact_id = ?", a.contact_id), anna);
	ck_assert_int_eq(tu_int(db, "SELECT associate_id FROM person WHERE person_id = ?", b.person_id), mia);
}
END_TEST

static int64_t status_of(int64_t person)
{
	return tu_int(db, "SELECT coalesce(leadstatus_id, 0) FROM person WHERE person_id = ?", person);
}

START_TEST(default_status_when_form_category_has_lead_status)
{
	int64_t open = tu_default_status(db);
	struct submit_result a, b;

	ck_assert_int_ne(open, 0);
	standard();
	a = subf("s1", "s1@example.com", ", \"company\": \"Status AG\"");
	b = subf("s2", "s2@example.com", "");
	ck_assert_int_eq(b.contact_id, 0);
	ck_assert_int_eq(status_of(a.person_id), open);
	ck_assert_int_eq(status_of(b.person_id), open);
	assert_str(tu_text(db, "SELECT name FROM leadstatus WHERE leadstatus_id = ?", open), "Open");
}
END_TEST

START_TEST(no_status_when_form_category_has_lead_status_off)
{
	int64_t customers = tu_category(db, "Customers", GROUP_CUSTOMER, false);
	struct submit_result a, b;

	licence(true);
	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_ASSOCIATES,
				 .ids = { anna }, .n = 1, .cat = customers });
	a = subf("s1", "s1@example.com", ", \"company\": \"Kunde AG\"");
	b = subf("s2", "s2@example.com", "");
	ck_assert_int_eq(tu_int(db, "SELECT category_idx FROM contact WHERE contact_id = ?", a.contact_id),
			 customers);
	ck_assert_int_eq(status_of(a.person_id), 0);
	ck_assert_int_eq(status_of(b.person_id), 0);
}
END_TEST

START_TEST(no_status_without_form_category)
{
	struct submit_result a, b;

	licence(true);
	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_ASSOCIATES,
				 .ids = { anna }, .n = 1, .cat = 0 });
	a = subf("s1", "s1@example.com", ", \"company\": \"Ohne AG\"");
	b = subf("s2", "s2@example.com", "");
	ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE category_idx IS NULL"), 1);
	ck_assert_int_eq(status_of(a.person_id), 0);
	ck_assert_int_eq(status_of(b.person_id), 0);
}
END_TEST

/* ------------------------------------------------------------ distribution */

static void reopen(const char *path)
{
	struct la_err err;

	if (db)
		db_close(db);
	db = NULL;
	la_err_clear(&err);
	ck_assert_msg(db_open(path, DB_OPEN_CREATE | DB_OPEN_UPGRADE, "en", rights_os_login(), &db,
			      &err) == LA_OK, "%s", err.msg);
	tu_admin(db, &admin);
}

START_TEST(rotation_persists_across_runs)
{
	const char *path = tmp_path("rotation.db");
	char dbpath[512];
	int run, i;

	snprintf(dbpath, sizeof(dbpath), "%s", path);
	reopen(dbpath);
	anna = add_user("anna.berg", ROLE_USER);
	jonas = add_user("jonas.kraft", ROLE_USER);
	mia = add_user("mia.stein", ROLE_USER);
	paul = add_user("paul.roth", ROLE_USER);
	lead_cat = tu_int(db, "SELECT category_id FROM category WHERE name = 'Lead'", -1);
	standard();
	for (run = 0; run < 3; run++) {
		char text[2048] = "";
		struct submit_summary sum;
		struct rejects rj = { 0 };

		reopen(dbpath);
		for (i = 0; i < 3; i++) {
			char l[256];

			snprintf(l, sizeof(l), "{\"id\": \"r%d-%d\", \"email\": \"r%d.%d@example.com\"}\n",
				 run, i, run, i);
			strcat(text, l);
		}
		ck_assert_int_eq(stream(text, false, &sum, &rj), LA_OK);
		ck_assert_int_eq(sum.created, 3);
		/* Each run gives each of the three one contact. */
		ck_assert_uint_eq(sum.nowners, 3);
		for (i = 0; i < 3; i++)
			ck_assert_int_eq(sum.owners[i].count, 1);
		submit_summary_free(&sum);
	}
	reopen(dbpath);
	ck_assert_int_eq(owned_by(anna), 3);
	ck_assert_int_eq(owned_by(jonas), 3);
	ck_assert_int_eq(owned_by(mia), 3);
	ck_assert_int_eq(owned_by(paul), 0);
}
END_TEST

START_TEST(inactive_associate_skipped)
{
	struct la_err err;
	struct submit_result r;
	char id[16], mail[32];
	int i;
	bool seen_jonas = false;

	standard();
	ck_assert(users_set_active(db, &admin, "jonas.kraft", false, &err) == LA_OK);
	for (i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "i%d", i);
		snprintf(mail, sizeof(mail), "i%d@example.com", i);
		r = subf(id, mail, "");
		ck_assert_int_ne(r.owner_id, jonas);
	}
	ck_assert_int_eq(owned_by(anna), 2);
	ck_assert_int_eq(owned_by(mia), 2);
	ck_assert_int_eq(owned_by(jonas), 0);
	/* Back again, jonas is in the rotation. */
	ck_assert(users_set_active(db, &admin, "jonas.kraft", true, &err) == LA_OK);
	for (i = 4; i < 7; i++) {
		snprintf(id, sizeof(id), "i%d", i);
		snprintf(mail, sizeof(mail), "i%d@example.com", i);
		r = subf(id, mail, "");
		seen_jonas |= r.owner_id == jonas;
	}
	ck_assert(seen_jonas);
	ck_assert_int_eq(owned_by(jonas), 1);
}
END_TEST

/* Adds a user group as the administrator; its id (0 when refused). */
static int64_t group_add(const char *name, enum la_status want)
{
	struct la_item g;
	struct la_err err;
	int64_t id;

	lists_item_init(&g, LIST_USERGROUP);
	free(g.name);
	g.name = strdup(name);
	la_err_clear(&err);
	ck_assert_msg(lists_save(db, &admin, &g, CONFIRM_NONE, &err) == want, "%s: %s", name, err.msg);
	id = want == LA_OK ? g.id : 0;
	lists_item_clear(&g);
	return id;
}

START_TEST(group_mode_uses_members_at_that_moment)
{
	struct la_item g;
	struct la_err err;
	struct submit_result r1, r2, r3, r4;

	lists_item_init(&g, LIST_USERGROUP);
	free(g.name);
	g.name = strdup("Sales");
	ck_assert(lists_save(db, &admin, &g, CONFIRM_NONE, &err) == LA_OK);
	ck_assert(users_set_group(db, &admin, "anna.berg", g.id, &err) == LA_OK);
	ck_assert(users_set_group(db, &admin, "jonas.kraft", g.id, &err) == LA_OK);
	licence(true);
	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_GROUP, .group = g.id, .cat = lead_cat });
	r1 = subf("g1", "g1@example.com", "");
	r2 = subf("g2", "g2@example.com", "");
	ck_assert(r1.owner_id == anna || r1.owner_id == jonas);
	ck_assert(r2.owner_id == anna || r2.owner_id == jonas);
	ck_assert_int_ne(r1.owner_id, r2.owner_id);
	/* jonas leaves the group, mia joins it. */
	ck_assert(users_set_group(db, &admin, "jonas.kraft", 0, &err) == LA_OK);
	ck_assert(users_set_group(db, &admin, "mia.stein", g.id, &err) == LA_OK);
	r3 = subf("g3", "g3@example.com", "");
	r4 = subf("g4", "g4@example.com", "");
	ck_assert(r3.owner_id == anna || r3.owner_id == mia);
	ck_assert(r4.owner_id == anna || r4.owner_id == mia);
	ck_assert_int_ne(r3.owner_id, r4.owner_id);
	ck_assert_int_eq(owned_by(jonas), 1);
	lists_item_clear(&g);
}
END_TEST

START_TEST(nobody_eligible_gives_fallback)
{
	struct la_err err;
	struct submit_result r;

	licence(true);
	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_ASSOCIATES, .ids = { jonas }, .n = 1,
				 .cat = lead_cat, .fallback = paul });
	ck_assert(users_set_active(db, &admin, "jonas.kraft", false, &err) == LA_OK);
	r = subf("f1", "f1@example.com", ", \"company\": \"Fallback AG\"");
	ck_assert_int_eq(r.owner_id, paul);
	ck_assert_int_eq(tu_int(db, "SELECT associate_id FROM person WHERE person_id = ?", r.person_id), paul);
	ck_assert_int_eq(tu_int(db, "SELECT associate_id FROM contact WHERE contact_id = ?", r.contact_id), paul);
}
END_TEST

START_TEST(empty_group_gives_fallback)
{
	int64_t g = group_add("Nobody", LA_OK);
	struct submit_result r;

	licence(true);
	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_GROUP, .group = g,
				 .cat = lead_cat, .fallback = mia });
	r = subf("f1", "f1@example.com", "");
	ck_assert_int_eq(r.owner_id, mia);
}
END_TEST

START_TEST(nobody_eligible_and_no_fallback_gives_no_owner)
{
	struct la_err err;
	struct submit_result r;

	licence(true);
	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_ASSOCIATES, .ids = { jonas }, .n = 1,
				 .cat = lead_cat });
	ck_assert(users_set_active(db, &admin, "jonas.kraft", false, &err) == LA_OK);
	r = subf("f1", "f1@example.com", "");
	ck_assert_int_eq(r.outcome, SUBMIT_CREATED);
	ck_assert_int_eq(r.owner_id, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE associate_id IS NULL"), 1);
}
END_TEST

START_TEST(distribution_off_gives_no_owner)
{
	struct submit_result r;

	licence(true);
	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_OFF, .cat = lead_cat, .fallback = paul });
	r = subf("d1", "d1@example.com", ", \"company\": \"Niemand AG\"");
	ck_assert_int_eq(r.outcome, SUBMIT_CREATED);
	ck_assert_int_eq(r.owner_id, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE associate_id IS NULL"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE associate_id IS NULL"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM utm_parameters"), 1);
}
END_TEST

START_TEST(only_unassigned_keeps_known_owner)
{
	struct la_err err;
	int64_t owned, unowned;
	struct submit_result r;

	standard();
	ck_assert(leads_person_add(db, 0, 0, "Has", "Owner", "has@example.com", paul, &owned, &err) == LA_OK);
	ck_assert(leads_person_add(db, 0, 0, "No", "Owner", "none@example.com", 0, &unowned, &err) == LA_OK);
	r = subf("u1", "has@example.com", "");
	ck_assert_int_eq(r.outcome, SUBMIT_UPDATED);
	ck_assert_int_eq(r.owner_id, 0);
	ck_assert_int_eq(tu_int(db, "SELECT associate_id FROM person WHERE person_id = ?", owned), paul);
	/* The rotation did not move for the kept owner. */
	r = subf("u2", "none@example.com", "");
	ck_assert_int_eq(r.outcome, SUBMIT_UPDATED);
	ck_assert_int_eq(r.owner_id, anna);
	ck_assert_int_eq(tu_int(db, "SELECT associate_id FROM person WHERE person_id = ?", unowned), anna);
}
END_TEST

START_TEST(only_unassigned_off_gives_next_owner)
{
	struct la_err err;
	int64_t owned;
	struct submit_result r;

	licence(true);
	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_ASSOCIATES,
				 .ids = { anna, jonas, mia }, .n = 3, .cat = lead_cat, .any_owner = true });
	ck_assert(leads_person_add(db, 0, 0, "Has", "Owner", "has@example.com", paul, &owned, &err) == LA_OK);
	r = subf("u1", "has@example.com", "");
	ck_assert_int_eq(r.outcome, SUBMIT_UPDATED);
	ck_assert_int_eq(r.owner_id, anna);
	ck_assert_int_eq(tu_int(db, "SELECT associate_id FROM person WHERE person_id = ?", owned), anna);
	r = subf("u2", "has@example.com", "");
	ck_assert_int_eq(r.owner_id, jonas);
}
END_TEST

START_TEST(licence_off_no_utm_no_owner)
{
	struct submit_result r;

	configure(&(struct cfg){ .utm = true, .mode = DISTRIBUTE_ASSOCIATES, .ids = { anna }, .n = 1,
				 .cat = lead_cat, .fallback = paul });
	ck_assert(!marketing_licensed(db, LICENCE_MARKETING_PREMIUM));
	r = subf("l1", "l1@example.com",
		 ", \"company\": \"Ohne Lizenz AG\", \"url\": \"https://x.example/?utm_source=google\", "
		 "\"referrer\": \"https://google.com/\", \"firsttouch\": {\"source\": \"bing\"}");
	ck_assert_int_eq(r.outcome, SUBMIT_CREATED);
	ck_assert_int_eq(r.owner_id, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM contact"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM utm_parameters"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission WHERE source IS NULL AND medium IS NULL "
			       "AND campaign IS NULL AND term IS NULL AND content IS NULL "
			       "AND referrerdomain IS NULL AND url = ''"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE associate_id IS NULL"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE associate_id IS NULL"), 1);
	/* The form category and the lead status still apply. */
	ck_assert_int_eq(status_of(r.person_id), tu_default_status(db));
}
END_TEST

START_TEST(licence_disabled_again_stops_utm_and_owners)
{
	struct submit_result r;

	standard();
	r = subf("l1", "l1@example.com", ", \"url\": \"https://x.example/?utm_source=google\"");
	ck_assert_int_eq(r.owner_id, anna);
	licence(false);
	r = subf("l2", "l2@example.com", ", \"url\": \"https://x.example/?utm_source=google\"");
	ck_assert_int_eq(r.owner_id, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM utm_parameters"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission WHERE source IS NULL"), 1);
}
END_TEST

START_TEST(utm_off_with_licence_still_assigns)
{
	struct submit_result r;

	licence(true);
	configure(&(struct cfg){ .utm = false, .mode = DISTRIBUTE_ASSOCIATES, .ids = { anna, jonas }, .n = 2,
				 .cat = lead_cat });
	r = subf("t1", "t1@example.com", ", \"url\": \"https://x.example/?utm_source=google\", "
		 "\"referrer\": \"https://google.com/\"");
	ck_assert_int_eq(r.outcome, SUBMIT_CREATED);
	ck_assert_int_eq(r.owner_id, anna);
	ck_assert_int_eq(count("SELECT count(*) FROM utm_parameters"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission WHERE source IS NULL "
			       "AND referrerdomain IS NULL"), 1);
	ck_assert_int_eq(owned_by(anna), 1);
}
END_TEST

/* ------------------------------------------------------------ malformed */

START_TEST(malformed_lines_rejected_others_processed)
{
	static const char text[] =
		"{\"id\": \"ok1\", \"email\": \"ok1@example.com\"}\n"                       /* 1 */
		"{\"id\": \"x2\", \"email\": \n"                                              /* 2 */
		"{\"email\": \"x3@example.com\"}\n"                                           /* 3 */
		"{\"id\": \"x4\", \"email\": \"not-an-address\"}\n"                           /* 4 */
		"{\"id\": \"x5\", \"email\": \"x5@example.com\", \"submitted\": \"yesterday\"}\n" /* 5 */
		"{\"id\": \"x6\", \"email\": \"x6@example.com\", \"firstname\": 42}\n"       /* 6 */
		"{\"id\": \"x7\", \"email\": \"x7@example.com\", \"lastname\": \"E\\u001b[31m\"}\n" /* 7 */
		"\n"                                                                          /* 8 */
		"{\"id\": \"x9\", \"email\": \"x9@example.com\", \"submitted\": \"2026-02-30T10:00:00Z\"}\n"
		"{\"id\": \"ok10\", \"email\": \"ok10@example.com\"}\n"                     /* 10 */
		"[1, 2]\n"                                                                    /* 11 */
		"{\"id\": \"x12\", \"email\": \"x12@example.com\", \"company\": [\"A\"]}\n"; /* 12 */
	static const long want_lines[] = { 2, 3, 4, 5, 6, 7, 9, 11, 12 };
	static const char *const want_words[] = { "JSON", "id", "email", "submitted", "firstname",
						  "control", "submitted", "object", "company" };
	struct submit_summary sum;
	struct rejects rj = { 0 };
	size_t i;

	standard();
	ck_assert_int_eq(stream(text, false, &sum, &rj), LA_OK);
	ck_assert_int_eq(sum.created, 2);
	ck_assert_int_eq(sum.rejected, 9);
	ck_assert(!sum.stopped);
	ck_assert_int_eq(rj.n, 9);
	for (i = 0; i < 9; i++) {
		ck_assert_int_eq(rj.line[i], want_lines[i]);
		tu_assert_has(rj.reason[i], want_words[i]);
	}
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission WHERE submission_key IN ('ok1', 'ok10')"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM email WHERE email_address LIKE 'x%'"), 0);
	ck_assert_int_eq(owned_by(anna) + owned_by(jonas) + owned_by(mia), 2);
	submit_summary_free(&sum);
}
END_TEST

START_TEST(a_nul_byte_after_a_number_is_rejected)
{
	/* The bytes of a string literal: the NUL is part of the input. */
	static const char one[] = "{\"id\": 7\0, \"email\": \"nul@example.com\"}";
	static const char lines[] =
		"{\"id\": \"n1\", \"email\": \"n1@example.com\"}\n"
		"{\"id\": 8\0, \"email\": \"n2@example.com\"}\n"
		"{\"id\": \"n3\", \"email\": \"n3@example.com\"}\n";
	struct submit_summary sum;
	struct rejects rj = { 0 };
	struct submit_result r;

	standard();
	r = sub_bytes(one, sizeof(one) - 1);
	ck_assert_int_eq(r.outcome, SUBMIT_REJECTED);
	tu_assert_has(r.reason, "not valid JSON: line 1, column 9: a NUL byte");
	ck_assert_int_eq(stream_bytes(lines, sizeof(lines) - 1, false, &sum, &rj), LA_OK);
	ck_assert_int_eq(sum.created, 2);
	ck_assert_int_eq(sum.rejected, 1);
	ck_assert_int_eq(rj.n, 1);
	ck_assert_int_eq(rj.line[0], 2);
	tu_assert_has(rj.reason[0], "line 1, column 9: a NUL byte");
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission WHERE submission_key IN ('7', '8')"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM email WHERE email_address IN "
			       "('nul@example.com', 'n2@example.com')"), 0);
	submit_summary_free(&sum);
}
END_TEST

START_TEST(a_key_twice_is_rejected_naming_the_key)
{
	struct submit_result r;

	standard();
	r = sub("{\"id\": \"dup-1\", \"email\": \"first@example.com\", "
		"\"email\": \"second@example.com\"}");
	ck_assert_int_eq(r.outcome, SUBMIT_REJECTED);
	tu_assert_has(r.reason, "not valid JSON: line 1, column 53: the key \"email\" appears twice");
	r = sub("{\"id\": \"dup-2\", \"email\": \"d2@example.com\", "
		"\"utm\": {\"source\": \"a\", \"source\": \"b\"}}");
	ck_assert_int_eq(r.outcome, SUBMIT_REJECTED);
	tu_assert_has(r.reason, "the key \"source\" appears twice");
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), 0);
}
END_TEST

START_TEST(bytes_that_are_not_utf8_are_rejected_with_their_place)
{
	struct submit_result r;

	standard();
	/* Latin-1 "Müller", and an encoded surrogate (CESU-8). */
	r = sub("{\"id\": \"u1\", \"email\": \"u1@example.com\", \"lastname\": \"M\xfcller\"}");
	ck_assert_int_eq(r.outcome, SUBMIT_REJECTED);
	tu_assert_has(r.reason, "not valid JSON: line 1, column 55: byte 0xFC is not UTF-8");
	r = sub("{\"id\": \"u2\", \"email\": \"u2@example.com\", \"lastname\": \"\xed\xa0\x80\"}");
	ck_assert_int_eq(r.outcome, SUBMIT_REJECTED);
	tu_assert_has(r.reason, "column 54: byte 0xED is not UTF-8");
	ck_assert_int_eq(count("SELECT count(*) FROM person"), 0);
}
END_TEST

START_TEST(a_json_error_gives_the_column_within_its_line)
{
	static const char text[] =
		"{\"id\": \"c1\", \"email\": \"c1@example.com\"}\n"
		"{\"id\": \"c2\", \"email\": \r\n"
		"{\"id\": \"c3\", \"email\": \"c3@example.com\",}\n";
	struct submit_summary sum;
	struct rejects rj = { 0 };

	standard();
	ck_assert_int_eq(stream(text, false, &sum, &rj), LA_OK);
	ck_assert_int_eq(sum.created, 1);
	ck_assert_int_eq(rj.n, 2);
	ck_assert_int_eq(rj.line[0], 2);
	/* The input ends after "email": , not at the start of a line 2. */
	tu_assert_has(rj.reason[0], "not valid JSON: line 1, column 22: ");
	ck_assert_int_eq(rj.line[1], 3);
	tu_assert_has(rj.reason[1], "not valid JSON: line 1, column 40: ");
	submit_summary_free(&sum);
}
END_TEST

START_TEST(deep_nesting_and_huge_lines_are_rejected_without_a_crash)
{
	size_t depth = 100000, big = 2u << 20, n;
	char *text = malloc(big + 200);
	struct submit_summary sum;
	struct rejects rj = { 0 };
	struct submit_result r;

	ck_assert_ptr_nonnull(text);
	standard();
	memset(text, '[', depth);
	r = sub_bytes(text, depth);
	ck_assert_int_eq(r.outcome, SUBMIT_REJECTED);
	tu_assert_has(r.reason, "nested deeper than");
	/* 2 MB of company name: read whole, then too long. */
	n = (size_t)sprintf(text, "{\"id\": \"big\", \"email\": \"big@example.com\", \"company\": \"");
	memset(text + n, 'x', big);
	memcpy(text + n + big, "\"}\n", 4);
	r = sub(text);
	ck_assert_int_eq(r.outcome, SUBMIT_REJECTED);
	tu_assert_has(r.reason, "\"company\" is too long");
	ck_assert_int_eq(stream(text, false, &sum, &rj), LA_OK);
	ck_assert_int_eq(sum.rejected, 1);
	ck_assert_int_eq(rj.line[0], 1);
	submit_summary_free(&sum);
	free(text);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), 0);
}
END_TEST

START_TEST(strict_stops_at_first_rejected_line)
{
	static const char text[] =
		"{\"id\": \"s1\", \"email\": \"s1@example.com\"}\n"
		"{\"id\": \"s2\", \"email\": \"broken\"}\n"
		"{\"id\": \"s3\", \"email\": \"s3@example.com\"}\n";
	struct submit_summary sum;
	struct rejects rj = { 0 };

	standard();
	ck_assert_int_eq(stream(text, true, &sum, &rj), LA_OK);
	ck_assert(sum.stopped);
	ck_assert_int_eq(sum.created, 1);
	ck_assert_int_eq(sum.rejected, 1);
	ck_assert_int_eq(rj.n, 1);
	ck_assert_int_eq(rj.line[0], 2);
	/* What came before stays; what came after was not read. */
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission WHERE submission_key = 's1'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission WHERE submission_key = 's3'"), 0);
	submit_summary_free(&sum);
	/* Without --strict the same file goes on past it. */
	memset(&rj, 0, sizeof(rj));
	ck_assert_int_eq(stream(text, false, &sum, &rj), LA_OK);
	ck_assert(!sum.stopped);
	ck_assert_int_eq(sum.skipped, 1);
	ck_assert_int_eq(sum.rejected, 1);
	ck_assert_int_eq(sum.created, 1);
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission WHERE submission_key = 's3'"), 1);
	submit_summary_free(&sum);
}
END_TEST

/* A submission that fails in the database (here: a broken reference) rolls
 * its whole batch back, the lines before it too, and stops the run; a
 * change outside a run that breaks a reference fails at its statement. */
START_TEST(a_broken_key_rolls_back_the_batch)
{
	static const char text[] =
		"{\"id\": \"k1\", \"email\": \"k1@example.com\"}\n"
		"{\"id\": \"k2\", \"email\": \"k2@example.com\"}\n"
		"{\"id\": \"k3\", \"email\": \"k3@example.com\"}\n";
	struct submit_summary sum;
	struct rejects rj = { 0 };
	struct la_err err;
	long people;

	standard();
	people = count("SELECT count(*) FROM person");
	if (tu_on_server())
		tu_exec(db, "CREATE FUNCTION broken_key() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN "
			"INSERT INTO email (person_id, email_address) VALUES (999999999, 'nobody@example.com'); "
			"RETURN NULL; END$$; "
			"CREATE TRIGGER broken_key AFTER INSERT ON form_submission FOR EACH ROW "
			"WHEN (NEW.submission_key = 'k2') EXECUTE FUNCTION broken_key()");
	else
		tu_exec(db, "CREATE TRIGGER broken_key AFTER INSERT ON form_submission "
			"WHEN NEW.submission_key = 'k2' BEGIN "
			"INSERT INTO email (person_id, email_address) VALUES (999999999, 'nobody@example.com'); "
			"END");
	ck_assert_int_ne(stream(text, false, &sum, &rj), LA_OK);
	ck_assert_int_eq(sum.created, 0);
	ck_assert(!db_in_transaction(db));
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), people);
	ck_assert_int_eq(count("SELECT count(*) FROM email WHERE person_id = 999999999"), 0);
	submit_summary_free(&sum);
	tu_exec(db, tu_on_server() ? "DROP TRIGGER broken_key ON form_submission"
		: "DROP TRIGGER broken_key");
	/* Outside a run. */
	la_err_clear(&err);
	ck_assert_int_eq(db_begin(db, &err), LA_OK);
	ck_assert_int_ne(leads_person_add_with(db, 999999999, 0, "A", "B", "ab@example.com", 0, 0,
					       NULL, &err), LA_OK);
	db_rollback(db);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), people);
	/* And the run goes through without the broken key. */
	memset(&rj, 0, sizeof(rj));
	ck_assert_int_eq(stream(text, false, &sum, &rj), LA_OK);
	ck_assert_int_eq(sum.created, 3);
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission"), 3);
	submit_summary_free(&sum);
}
END_TEST

START_TEST(inactive_actor_cannot_submit)
{
	struct la_actor lisa;
	struct la_err err;
	struct submit_result r;
	static const char line[] = "{\"id\": \"a1\", \"email\": \"a1@example.com\"}";

	tu_actor(db, "lisa", ROLE_USER, &lisa);
	lisa.active = false;
	ck_assert_int_eq(submit_one(db, &lisa, line, strlen(line), &r, &err), LA_DENIED);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), 0);
}
END_TEST

/* ------------------------------------------------------------ settings */

static long audit_rows(const char *list)
{
	struct db_stmt *st = tu_prepare(db, "SELECT count(*) FROM audit WHERE list = ?");
	long n;

	db_bind_text(st, 1, list);
	ck_assert(db_step(st) == DB_ROW);
	n = db_col_int(st, 0);
	db_finalize(st);
	return n;
}

static long version(void)
{
	return count("SELECT coalesce((SELECT CAST(value AS INTEGER) FROM setting "
		     "WHERE key = 'marketing.version'), 0)");
}

START_TEST(marketing_save_general_admin_only)
{
	struct la_actor lisa, ulf;
	struct marketing_settings ms;
	struct la_err err;

	tu_actor(db, "lisa", ROLE_LIST_ADMIN, &lisa);
	tu_actor(db, "ulf", ROLE_USER, &ulf);
	ck_assert(marketing_load(db, &ms, &err) == LA_OK);
	ms.utm_enabled = true;
	ck_assert_int_eq(marketing_save(db, &lisa, &ms, &err), LA_DENIED);
	ck_assert_int_eq(marketing_save(db, &ulf, &ms, &err), LA_DENIED);
	ck_assert_int_eq(version(), 0);
	ck_assert_int_eq(audit_rows("marketing"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM setting WHERE key = 'marketing.utm_enabled'"), 0);
	ck_assert_int_eq(marketing_save(db, &admin, &ms, &err), LA_OK);
	ck_assert_int_eq(version(), 1);
	ck_assert_int_eq(ms.version, 1);
	ck_assert_int_eq(audit_rows("marketing"), 1);
	marketing_settings_free(&ms);
	ck_assert(marketing_load(db, &ms, &err) == LA_OK);
	ck_assert(ms.utm_enabled);
	ck_assert(ms.only_unassigned);
	marketing_settings_free(&ms);
}
END_TEST

START_TEST(marketing_save_stale_refused)
{
	struct marketing_settings a, b;
	struct la_err err;

	ck_assert(marketing_load(db, &a, &err) == LA_OK);
	ck_assert(marketing_load(db, &b, &err) == LA_OK);
	a.utm_enabled = true;
	ck_assert_int_eq(marketing_save(db, &admin, &a, &err), LA_OK);
	b.form_category_id = lead_cat;
	ck_assert_int_eq(marketing_save(db, &admin, &b, &err), LA_STALE);
	ck_assert_int_eq(version(), 1);
	ck_assert_int_eq(count("SELECT value FROM setting WHERE key = 'marketing.form_category_id'"), 0);
	ck_assert_int_eq(audit_rows("marketing"), 1);
	marketing_settings_free(&a);
	marketing_settings_free(&b);
}
END_TEST

static void refused_settings(const struct cfg *c, const char *word)
{
	struct marketing_settings ms;
	struct la_err err;

	ck_assert(marketing_load(db, &ms, &err) == LA_OK);
	ms.utm_enabled = c->utm;
	ms.mode = c->mode;
	ms.form_category_id = c->cat;
	ms.fallback_id = c->fallback;
	ms.group_id = c->group;
	if (c->n) {
		ms.associates = malloc(c->n * sizeof(*ms.associates));
		memcpy(ms.associates, c->ids, c->n * sizeof(*ms.associates));
		ms.nassociates = c->n;
	}
	la_err_clear(&err);
	ck_assert_int_eq(marketing_save(db, &admin, &ms, &err), LA_REFUSED);
	tu_assert_has(err.msg, word);
	ck_assert_int_eq(version(), 0);
	ck_assert_int_eq(audit_rows("marketing"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM distribute_associate"), 0);
	marketing_settings_free(&ms);
}

START_TEST(marketing_invalid_settings_refused)
{
	int64_t gone = tu_category(db, "Gone", GROUP_POTENTIAL_CUSTOMER, true);
	int64_t g = group_add("Old group", LA_OK);
	struct la_err err;

	ck_assert(lists_delete(db, &admin, LIST_CATEGORY, gone, 0, CONFIRM_YES, &err) == LA_OK);
	ck_assert(lists_delete(db, &admin, LIST_USERGROUP, g, 0, CONFIRM_NONE, &err) == LA_OK);
	ck_assert(users_set_active(db, &admin, "paul.roth", false, &err) == LA_OK);
	refused_settings(&(struct cfg){ .cat = gone }, "category");
	refused_settings(&(struct cfg){ .cat = 99999 }, "category");
	refused_settings(&(struct cfg){ .mode = DISTRIBUTE_GROUP, .group = g }, "group");
	refused_settings(&(struct cfg){ .mode = DISTRIBUTE_GROUP, .group = 99999 }, "group");
	refused_settings(&(struct cfg){ .mode = DISTRIBUTE_GROUP, .group = 0 }, "group");
	refused_settings(&(struct cfg){ .mode = DISTRIBUTE_ASSOCIATES, .n = 0 }, "associate");
	refused_settings(&(struct cfg){ .mode = DISTRIBUTE_ASSOCIATES, .ids = { 99999 }, .n = 1 }, "associate");
	refused_settings(&(struct cfg){ .mode = DISTRIBUTE_OFF, .fallback = paul }, "active");
	refused_settings(&(struct cfg){ .mode = DISTRIBUTE_OFF, .fallback = 99999 }, "active");
}
END_TEST

START_TEST(licence_general_admin_only_with_audit)
{
	struct la_actor lisa;
	struct la_err err;
	struct la_licence *v;
	size_t n;
	char want[256];

	tu_actor(db, "lisa", ROLE_LIST_ADMIN, &lisa);
	ck_assert(!marketing_licensed(db, LICENCE_MARKETING_PREMIUM));
	ck_assert_int_eq(marketing_set_licence(db, &lisa, LICENCE_MARKETING_PREMIUM, true, &err), LA_DENIED);
	ck_assert(!marketing_licensed(db, LICENCE_MARKETING_PREMIUM));
	ck_assert_int_eq(audit_rows("licence"), 0);
	ck_assert_int_eq(marketing_set_licence(db, &admin, "gold-plan", true, &err), LA_NOT_FOUND);
	ck_assert_int_eq(audit_rows("licence"), 0);
	ck_assert_int_eq(marketing_set_licence(db, &admin, LICENCE_MARKETING_PREMIUM, true, &err), LA_OK);
	ck_assert(marketing_licensed(db, LICENCE_MARKETING_PREMIUM));
	ck_assert_int_eq(audit_rows("licence"), 1);
	snprintf(want, sizeof(want), "enable|{\"enabled\":true}|%s", admin.login);
	assert_str(tu_text(db, "SELECT action || '|' || new_value || '|' || login FROM audit "
			   "WHERE list = 'licence'", -1), want);
	ck_assert_int_eq(marketing_set_licence(db, &lisa, LICENCE_MARKETING_PREMIUM, false, &err), LA_DENIED);
	ck_assert(marketing_licensed(db, LICENCE_MARKETING_PREMIUM));
	ck_assert_int_eq(marketing_set_licence(db, &admin, LICENCE_MARKETING_PREMIUM, false, &err), LA_OK);
	ck_assert(!marketing_licensed(db, LICENCE_MARKETING_PREMIUM));
	ck_assert_int_eq(audit_rows("licence"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE list = 'licence' AND action = 'disable'"), 1);
	ck_assert(marketing_licences(db, &v, &n, &err) == LA_OK);
	ck_assert_uint_eq(n, 1);
	assert_str(v[0].name, LICENCE_MARKETING_PREMIUM);
	ck_assert(!v[0].enabled);
	marketing_licences_free(v, n);
}
END_TEST

/* ------------------------------------------------------------ users */

START_TEST(usergroup_add_rename_duplicate_delete_restore)
{
	int64_t sales = group_add("Öffentlich", LA_OK), other;
	struct la_item g;
	struct la_err err;

	ck_assert_int_ne(sales, 0);
	ck_assert_int_eq(audit_rows("usergroup"), 1);
	group_add("öFFENTLICH", LA_REFUSED);
	group_add("  öffentlich ", LA_REFUSED);
	ck_assert_int_eq(count("SELECT count(*) FROM usergroup"), 1);
	other = group_add("Marketing", LA_OK);
	/* Renaming onto another name is refused too. */
	ck_assert(lists_find(db, LIST_USERGROUP, "marketing", &g, &err) == LA_OK);
	ck_assert_int_eq(g.id, other);
	free(g.name);
	g.name = strdup("ÖFFENTLICH");
	ck_assert_int_eq(lists_save(db, &admin, &g, CONFIRM_NONE, &err), LA_REFUSED);
	free(g.name);
	g.name = strdup("Marketing Team");
	ck_assert_int_eq(lists_save(db, &admin, &g, CONFIRM_NONE, &err), LA_OK);
	assert_str(tu_text(db, "SELECT name FROM usergroup WHERE usergroup_id = ?", other), "Marketing Team");
	/* A stale copy is refused. */
	g.updated_count--;
	ck_assert_int_eq(lists_save(db, &admin, &g, CONFIRM_NONE, &err), LA_STALE);
	lists_item_clear(&g);
	/* Deleted names stay taken; restore brings it back. */
	ck_assert_int_eq(lists_delete(db, &admin, LIST_USERGROUP, sales, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM usergroup WHERE usergroup_id = ?", sales), 1);
	ck_assert_int_eq(lists_delete(db, &admin, LIST_USERGROUP, sales, 0, CONFIRM_NONE, &err), LA_REFUSED);
	group_add("öffentlich", LA_REFUSED);
	ck_assert_int_eq(lists_restore(db, &admin, LIST_USERGROUP, sales, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM usergroup WHERE usergroup_id = ?", sales), 0);
	ck_assert_int_eq(audit_rows("usergroup"), 5);
}
END_TEST

START_TEST(usergroup_changes_need_general_admin)
{
	struct la_actor lisa;
	struct la_item g;
	struct la_err err;

	tu_actor(db, "lisa", ROLE_LIST_ADMIN, &lisa);
	lists_item_init(&g, LIST_USERGROUP);
	free(g.name);
	g.name = strdup("Sales");
	ck_assert_int_eq(lists_save(db, &lisa, &g, CONFIRM_NONE, &err), LA_DENIED);
	ck_assert_int_eq(users_set_active(db, &lisa, "anna.berg", false, &err), LA_DENIED);
	ck_assert_int_eq(count("SELECT count(*) FROM usergroup"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM associate WHERE associate_id = ?", anna), 0);
	lists_item_clear(&g);
}
END_TEST

START_TEST(user_set_group)
{
	int64_t sales = group_add("Sales", LA_OK), gone = group_add("Gone", LA_OK);
	struct la_items v;
	struct la_err err;

	ck_assert_int_eq(users_set_group(db, &admin, "anna.berg", sales, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT group_idx FROM associate WHERE associate_id = ?", anna), sales);
	ck_assert(lists_load(db, LIST_USERGROUP, false, &v, &err) == LA_OK);
	ck_assert_uint_eq(v.n, 2);
	ck_assert_int_eq(v.v[0].id, sales);
	ck_assert_int_eq(v.v[0].members, 1);
	lists_items_free(&v);
	ck_assert_int_eq(lists_delete(db, &admin, LIST_USERGROUP, gone, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(users_set_group(db, &admin, "jonas.kraft", gone, &err), LA_REFUSED);
	ck_assert_int_eq(count("SELECT count(*) FROM associate WHERE group_idx IS NOT NULL"), 1);
	ck_assert_int_eq(users_set_group(db, &admin, "nobody.here", sales, &err), LA_NOT_FOUND);
	ck_assert_int_eq(users_set_group(db, &admin, "anna.berg", 0, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM associate WHERE group_idx IS NOT NULL"), 0);
}
END_TEST

START_TEST(usergroup_move_swaps_with_the_neighbour)
{
	int64_t a = group_add("Alpha", LA_OK), b = group_add("Beta", LA_OK), c = group_add("Gamma", LA_OK);
	long audits = audit_rows("usergroup");
	struct la_err err;
	struct la_actor user;

	ck_assert_int_eq(lists_move(db, &admin, LIST_USERGROUP, a, +1, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT group_concat(name, ',') FROM (SELECT name FROM usergroup ORDER BY rank) AS t", -1),
			 "Beta,Alpha,Gamma");
	ck_assert_int_eq(audit_rows("usergroup"), audits + 1);
	/* A deleted group in between is skipped, not swapped with. */
	ck_assert_int_eq(lists_delete(db, &admin, LIST_USERGROUP, a, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(lists_move(db, &admin, LIST_USERGROUP, c, -1, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT group_concat(name, ',') FROM (SELECT name FROM usergroup WHERE deleted = 0 ORDER BY rank) AS t", -1),
			 "Gamma,Beta");
	ck_assert_int_eq(lists_move(db, &admin, LIST_USERGROUP, c, -1, &err), LA_REFUSED);
	ck_assert_int_eq(lists_move(db, &admin, LIST_USERGROUP, a, -1, &err), LA_REFUSED);
	/* Only a General administrator reorders. */
	tu_actor(db, "lister", ROLE_LIST_ADMIN, &user);
	audits = audit_rows("usergroup");
	ck_assert_int_eq(lists_move(db, &user, LIST_USERGROUP, b, +1, &err), LA_DENIED);
	ck_assert_int_eq(audit_rows("usergroup"), audits);
}
END_TEST

START_TEST(user_save_is_all_or_nothing)
{
	int64_t sales = group_add("Sales", LA_OK);
	const char *me = admin.login;
	struct users_change ok = { .login = "anna.berg", .full_name = "Anna B.", .role = ROLE_LIST_ADMIN,
				   .group_id = sales, .active = -1 };
	/* Demoting the last General administrator fails after the name and
	 * before the group: neither may stay. */
	struct users_change bad = { .login = me, .full_name = "Renamed", .role = ROLE_USER,
				    .group_id = sales, .active = -1 };
	struct users_change add = { .login = "new.one", .add = true, .full_name = "New One",
				    .role = ROLE_USER, .group_id = 999, .active = -1 };
	long audits = audit_rows("associate");
	struct la_err err;

	/* On a server the new login has a role there: its group is what fails. */
	tu_server_login("new.one");
	ck_assert_int_eq(users_save(db, &admin, &ok, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT full_name FROM associate WHERE associate_id = ?", anna), "Anna B.");
	ck_assert_int_eq(tu_int(db, "SELECT role FROM associate WHERE associate_id = ?", anna), ROLE_LIST_ADMIN);
	ck_assert_int_eq(tu_int(db, "SELECT group_idx FROM associate WHERE associate_id = ?", anna), sales);
	ck_assert_int_eq(audit_rows("associate"), audits + 3);
	la_err_clear(&err);
	ck_assert_int_eq(users_save(db, &admin, &bad, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_ROLE);
	ck_assert_str_ne(tu_text(db, "SELECT full_name FROM associate WHERE associate_id = ?", admin.associate_id), "Renamed");
	ck_assert_int_eq(tu_int(db, "SELECT role FROM associate WHERE associate_id = ?", admin.associate_id), ROLE_GENERAL_ADMIN);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM associate WHERE associate_id = ? AND group_idx IS NOT NULL",
				admin.associate_id), 0);
	/* A new user whose group does not exist is not added either. */
	ck_assert_int_eq(users_save(db, &admin, &add, &err), LA_NOT_FOUND);
	ck_assert_int_eq(err.field, LA_FIELD_GROUP);
	ck_assert_int_eq(count("SELECT count(*) FROM associate WHERE name = 'new.one'"), 0);
	ck_assert_int_eq(audit_rows("associate"), audits + 3);
}
END_TEST

START_TEST(user_deactivate_reactivate)
{
	struct la_err err;
	long before = audit_rows("associate");

	ck_assert_int_eq(users_set_active(db, &admin, "anna.berg", false, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM associate WHERE associate_id = ?", anna), 1);
	ck_assert_int_eq(users_set_active(db, &admin, "anna.berg", false, &err), LA_REFUSED);
	ck_assert_int_eq(users_set_active(db, &admin, "anna.berg", true, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM associate WHERE associate_id = ?", anna), 0);
	ck_assert_int_eq(audit_rows("associate"), before + 2);
	ck_assert_int_eq(users_set_full_name(db, &admin, "anna.berg", " Anna Berg-Lind ", &err), LA_OK);
	assert_str(tu_text(db, "SELECT full_name FROM associate WHERE associate_id = ?", anna), "Anna Berg-Lind");
	ck_assert_int_eq(users_set_full_name(db, &admin, "anna.berg", "A\x1b[2J", &err), LA_REFUSED);
}
END_TEST

START_TEST(last_general_admin_stays)
{
	struct la_actor a;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_eq(users_set_active(db, &admin, admin.login, false, &err), LA_REFUSED);
	tu_assert_has(err.msg, "last active General administrator");
	ck_assert_int_eq(rights_user_set_role(db, &admin, admin.login, ROLE_USER, &err), LA_REFUSED);
	ck_assert_int_eq(rights_user_set_role(db, &admin, admin.login, ROLE_LIST_ADMIN, &err), LA_REFUSED);
	ck_assert_int_eq(tu_int(db, "SELECT role * 10 + deleted FROM associate WHERE associate_id = ?",
				admin.associate_id), 20);
	/* With a second one, the first may go; then the second is the last. */
	ck_assert_int_eq(rights_user_set_role(db, &admin, "anna.berg", ROLE_GENERAL_ADMIN, &err), LA_OK);
	ck_assert_int_eq(users_set_active(db, &admin, admin.login, false, &err), LA_OK);
	ck_assert(rights_actor_for(db, "anna.berg", &a, &err) == LA_OK);
	ck_assert_int_eq(rights_user_set_role(db, &a, "anna.berg", ROLE_USER, &err), LA_REFUSED);
	ck_assert_int_eq(users_set_active(db, &a, "anna.berg", false, &err), LA_REFUSED);
	ck_assert_int_eq(tu_int(db, "SELECT role * 10 + deleted FROM associate WHERE associate_id = ?", anna), 20);
}
END_TEST

/* ------------------------------------------------------------ overview */

static void overview_data(void)
{
	static const char *const srcs[] = { "google", "google", "google", "newsletter", "newsletter",
					    NULL, "linkedin" };
	static const char *const camps[] = { "spring", "spring", "fall", "spring", NULL, NULL, "fair" };
	struct la_err err;
	int64_t customers = tu_category(db, "Customers", GROUP_CUSTOMER, false), p;
	size_t i;

	standard();
	for (i = 0; i < 7; i++) {
		char id[16], mail[32], extra[256];

		snprintf(id, sizeof(id), "o%zu", i);
		snprintf(mail, sizeof(mail), "o%zu@example.com", i);
		snprintf(extra, sizeof(extra), ", \"company\": \"%s\", \"url\": \"https://x.example/?%s%s%s%s\"",
			 i % 2 ? "Odd AG" : "", srcs[i] ? "utm_source=" : "", srcs[i] ? srcs[i] : "",
			 camps[i] ? "&utm_campaign=" : "", camps[i] ? camps[i] : "");
		subf(id, mail, extra);
	}
	tu_companies(db, lead_cat, 2, 2);
	tu_companies(db, customers, 1, 3);
	ck_assert(leads_person_add(db, 0, 0, "Q", "Ualified", NULL, paul, &p, &err) == LA_OK);
	ck_assert_int_eq(count("UPDATE person SET leadstatus_id = (SELECT leadstatus_id FROM leadstatus "
			       "WHERE name = 'Qualified') WHERE firstname = 'Q' RETURNING 1"), 1);
}

static int64_t by_label(const struct overview *ov, enum overview_dim d, const char *label)
{
	size_t i;

	for (i = 0; i < ov->n[d]; i++)
		if (strcmp(ov->rows[d][i].label, label) == 0)
			return ov->rows[d][i].contacts;
	return -1;
}

struct seen {
	size_t n;
	int64_t ids[64];
};

/* Each contact's owner is the login of its associate. */
static bool owner_matches(void *ctx, const struct overview_contact *c)
{
	struct seen *seen = ctx;

	assert_str(c->owner, tu_text(db, "SELECT coalesce((SELECT a.name FROM person p JOIN associate a "
				     "ON a.associate_id = p.associate_id WHERE p.person_id = ?), '')",
				     c->person_id));
	if (seen->n < 64)
		seen->ids[seen->n] = c->person_id;
	seen->n++;
	return true;
}

START_TEST(overview_counts_match_sql)
{
	struct overview ov;
	struct seen seen;
	struct la_err err;
	size_t i, n;
	long sum;
	int d;

	overview_data();
	ck_assert(overview_load(db, &ov, &err) == LA_OK);
	ck_assert_int_eq(ov.total, count("SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL"));
	ck_assert_int_eq(ov.total, 7 + 4 + 1);
	ck_assert_uint_eq(ov.n[OVERVIEW_STATUS], (size_t)count("SELECT count(*) FROM leadstatus WHERE deleted = 0"));
	for (i = 0; i < ov.n[OVERVIEW_STATUS]; i++)
		ck_assert_int_eq(ov.rows[OVERVIEW_STATUS][i].contacts,
				 tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?",
					ov.rows[OVERVIEW_STATUS][i].id));
	ck_assert_int_eq(by_label(&ov, OVERVIEW_STATUS, "Open"), 11);
	ck_assert_int_eq(by_label(&ov, OVERVIEW_STATUS, "Qualified"), 1);
	/* The four lead categories, then the leads without a company. */
	ck_assert_uint_eq(ov.n[OVERVIEW_CATEGORY],
			  (size_t)count("SELECT count(*) FROM category WHERE enable_lead_status = 1") + 1);
	for (i = 0; i < ov.n[OVERVIEW_CATEGORY]; i++) {
		const struct overview_row *r = &ov.rows[OVERVIEW_CATEGORY][i];

		if (r->kind != OVERVIEW_ITEM)
			continue;
		ck_assert_int_eq(r->contacts,
				 tu_int(db, "SELECT count(*) FROM person p JOIN contact k USING (contact_id) "
					"WHERE k.category_idx = ? AND p.leadstatus_id IS NOT NULL", r->id));
		ck_assert_int_eq(r->companies,
				 tu_int(db, "SELECT count(DISTINCT k.contact_id) FROM person p JOIN contact k "
					"USING (contact_id) WHERE k.category_idx = ? AND "
					"p.leadstatus_id IS NOT NULL", r->id));
	}
	ck_assert_int_eq(by_label(&ov, OVERVIEW_CATEGORY, "Lead"), 3 + 4);
	for (i = 0, sum = 0; i < ov.n[OVERVIEW_OWNER]; i++) {
		const struct overview_row *r = &ov.rows[OVERVIEW_OWNER][i];

		ck_assert_int_eq(r->contacts,
				 r->id ? tu_int(db, "SELECT count(*) FROM person WHERE associate_id = ? "
						"AND leadstatus_id IS NOT NULL", r->id)
				       : count("SELECT count(*) FROM person WHERE associate_id IS NULL "
					       "AND leadstatus_id IS NOT NULL"));
		sum += r->contacts;
	}
	ck_assert_int_eq(sum, ov.total);
	ck_assert_int_eq(by_label(&ov, OVERVIEW_OWNER, "anna.berg"), 3);
	ck_assert_int_eq(by_label(&ov, OVERVIEW_OWNER, "paul.roth"), 1);
	ck_assert_int_eq(by_label(&ov, OVERVIEW_OWNER, ""), 4);
	for (d = OVERVIEW_SOURCE; d <= OVERVIEW_CAMPAIGN; d++) {
		for (i = 0, sum = 0; i < ov.n[d]; i++) {
			const struct overview_row *r = &ov.rows[d][i];
			struct db_stmt *st = tu_prepare(db, d == OVERVIEW_SOURCE
				? "SELECT count(*) FROM person p LEFT JOIN utm_parameters u ON "
				  "u.created_person_id = p.person_id WHERE p.leadstatus_id IS NOT NULL "
				  "AND coalesce(u.firsttouch_source, '') = ?"
				: "SELECT count(*) FROM person p LEFT JOIN utm_parameters u ON "
				  "u.created_person_id = p.person_id WHERE p.leadstatus_id IS NOT NULL "
				  "AND coalesce(u.firsttouch_campaign, '') = ?");

			db_bind_text(st, 1, r->label);
			ck_assert(db_step(st) == DB_ROW);
			ck_assert_int_eq(r->contacts, db_col_int(st, 0));
			db_finalize(st);
			sum += r->contacts;
		}
		ck_assert_int_eq(sum, ov.total);
	}
	ck_assert_int_eq(by_label(&ov, OVERVIEW_SOURCE, "google"), 3);
	ck_assert_int_eq(by_label(&ov, OVERVIEW_SOURCE, "newsletter"), 2);
	ck_assert_int_eq(by_label(&ov, OVERVIEW_SOURCE, ""), 1 + 4 + 1);
	ck_assert_int_eq(by_label(&ov, OVERVIEW_CAMPAIGN, "spring"), 3);
	overview_free(&ov);
	ck_assert(overview_contacts_count(db, tu_default_status(db), NULL, NULL, &n, &err) == LA_OK);
	ck_assert_uint_eq(n, 11);
	seen.n = 0;
	ck_assert(overview_contacts_page(db, tu_default_status(db), NULL, NULL, 1, 0, owner_matches,
					 &seen, &err) == LA_OK);
	ck_assert_uint_eq(seen.n, 11);
	seen.n = 0;
	ck_assert(overview_contacts_page(db, tu_default_status(db), NULL, NULL, 1, 5, owner_matches,
					 &seen, &err) == LA_OK);
	ck_assert_uint_eq(seen.n, 5);
}
END_TEST

/* Collects person ids (and the last contact's key) for the paging test. */
struct page {
	size_t n;
	int64_t ids[64];
	char last_reg[32];
};

static bool page_collect(void *ctx, const struct overview_contact *c)
{
	struct page *p = ctx;

	ck_assert_uint_lt(p->n, 64);
	p->ids[p->n++] = c->person_id;
	snprintf(p->last_reg, sizeof(p->last_reg), "%s", c->undated ? "" : c->registered);
	return true;
}

/* The expected order (newest first) of the status's contacts matching
 * the LIKE pattern, into ids. */
static size_t expected_order(int64_t status, const char *like, int64_t *ids)
{
	struct db_stmt *st = tu_prepare(db, "SELECT person_id FROM person WHERE leadstatus_id = ?1 "
				  "AND lastname LIKE ?2 ORDER BY registered DESC, person_id DESC");
	size_t n = 0;

	db_bind_int64(st, 1, status);
	db_bind_text(st, 2, like);
	while (db_step(st) == DB_ROW && n < 64)
		ids[n++] = db_col_int64(st, 0);
	db_finalize(st);
	return n;
}

/* Keyset pages of 7, forwards and backwards, give the status's contacts
 * matching filter (and the LIKE pattern on lastname that says the same)
 * in the order of SQL exactly once; the count before a key is its
 * position. */
static void check_pages(int64_t status, const char *filter, const char *like)
{
	struct page all = { 0 }, back = { 0 };
	struct la_err err;
	int64_t want[64];
	size_t total = expected_order(status, like, want), n, i;

	ck_assert(overview_contacts_count(db, status, filter, NULL, &n, &err) == LA_OK);
	ck_assert_uint_eq(n, total);
	while (all.n < total) {
		struct overview_key key = { all.last_reg[0] ? all.last_reg : NULL, all.n ? all.ids[all.n - 1] : 0 };
		size_t was = all.n;

		ck_assert(overview_contacts_page(db, status, filter, all.n ? &key : NULL, 1, 7,
						 page_collect, &all, &err) == LA_OK);
		ck_assert_uint_eq(all.n - was, all.n < total ? 7 : total - was);
	}
	for (i = 0; i < total; i++) {
		const char *reg = tu_text(db, "SELECT coalesce(registered, '') FROM person WHERE person_id = ?",
				      want[i]);
		struct overview_key key = { reg && *reg ? reg : NULL, want[i] };

		ck_assert_int_eq(all.ids[i], want[i]);
		ck_assert(overview_contacts_count(db, status, filter, &key, &n, &err) == LA_OK);
		ck_assert_uint_eq(n, i);
	}
	while (back.n < total) {
		struct overview_key key = { back.last_reg[0] ? back.last_reg : NULL, back.n ? back.ids[back.n - 1] : 0 };
		size_t was = back.n;

		ck_assert(overview_contacts_page(db, status, filter, back.n ? &key : NULL, -1, 7,
						 page_collect, &back, &err) == LA_OK);
		ck_assert_uint_gt(back.n, was);
	}
	ck_assert_uint_eq(back.n, total);
	for (i = 0; i < total; i++)
		ck_assert_int_eq(back.ids[i], want[total - 1 - i]);
	/* A filter's first page and count in one scan: the same. */
	for (size_t limit = 7; filter && limit <= 64; limit += 57) {
		struct page first = { 0 };

		ck_assert(overview_contacts_filter(db, status, filter, limit, &n, page_collect, &first,
						   &err) == LA_OK);
		ck_assert_uint_eq(n, total);
		ck_assert_uint_eq(first.n, limit < total ? limit : total);
		for (i = 0; i < first.n; i++)
			ck_assert_int_eq(first.ids[i], want[i]);
	}
}

/* Ties of registered (an import in one second) page like any others;
 * "XENO" is the screen's filter, folded. */
START_TEST(overview_contacts_page_through_ties)
{
	int64_t status = tu_default_status(db);
	size_t i;

	for (i = 0; i < 30; i++) {
		char sql[256];

		snprintf(sql, sizeof(sql), "INSERT INTO person (firstname, lastname, leadstatus_id, registered) "
			 "VALUES ('P%zu', '%s', %" PRId64 ", '2026-01-0%zu 00:00:00') RETURNING 1",
			 i, i % 3 ? "Xeno" : "Other", status, 1 + i % 4);
		ck_assert_int_eq(count(sql), 1);
	}
	check_pages(status, NULL, "%");
	check_pages(status, "XENO", "Xeno");
}
END_TEST

/* A legacy database's contacts without registered come last, and page
 * both ways too. */
START_TEST(overview_contacts_page_undated_last)
{
	int64_t status = tu_default_status(db);
	char sql[256];
	size_t i;

	tu_exec(db, "DROP TABLE person; CREATE TABLE person ("
		"person_id INTEGER PRIMARY KEY, contact_id INTEGER, firstname TEXT NOT NULL "
		"DEFAULT '', lastname TEXT NOT NULL DEFAULT '', leadstatus_id INTEGER, "
		"associate_id INTEGER, registered TEXT, updated TEXT); "
		"CREATE INDEX person_leadstatus ON person (leadstatus_id)");
	for (i = 0; i < 25; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO person (firstname, lastname, leadstatus_id, registered) "
			 "VALUES ('U%zu', '%s', %" PRId64 ", %s) RETURNING 1", i, i % 2 ? "Xeno" : "Other",
			 status, i % 3 == 0 ? "NULL" : i % 3 == 1 ? "'2026-02-01 00:00:00'" : "'2025-12-31 10:00:00'");
		ck_assert_int_eq(count(sql), 1);
	}
	/* A table without the triggers keeps no count, which the
	 * drill-down's total is: made as `leadadmin recount` would. */
	snprintf(sql, sizeof(sql), "DELETE FROM lead_tally WHERE dim = 0; INSERT INTO lead_tally "
		 "(dim, kind, item, value, contacts) VALUES (0, 0, %" PRId64 ", '', 25)", status);
	ck_assert_int_eq(sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL), SQLITE_OK);
	check_pages(status, NULL, "%");
	check_pages(status, "xeno", "Xeno");
}
END_TEST

/* The row of kind in dimension d (fails the test when there is none). */
static const struct overview_row *kind_row(const struct overview *ov, enum overview_dim d,
					   enum overview_kind kind)
{
	for (size_t i = 0; i < ov->n[d]; i++)
		if (ov->rows[d][i].kind == kind)
			return &ov->rows[d][i];
	ck_abort_msg("no %s row under %s", overview_kind_key(kind), overview_dim_key(d));
	return NULL;
}

static void set_status(int64_t person, int64_t status)
{
	struct db_stmt *st = tu_prepare(db, "UPDATE person SET leadstatus_id = ?1 WHERE person_id = ?2");

	db_bind_int64(st, 1, status);
	db_bind_int64(st, 2, person);
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_finalize(st);
}

/* Leads that no item holds: without a company, at a company without a
 * category, in a category whose lead status was turned off, in a deleted
 * status, in a status that is not in the list (a legacy database without
 * foreign keys), with a deleted owner, and with two first touches. */
START_TEST(overview_every_dimension_adds_up_to_the_total)
{
	int64_t fair = tu_category(db, "Trade fair", GROUP_POTENTIAL_CUSTOMER, true);
	int64_t nurture = tu_status(db, "Nurture"), loner, bare, p;
	struct la_item it;
	struct overview ov;
	struct la_err err;
	long companies;

	standard();
	tu_companies(db, lead_cat, 2, 2);
	tu_companies(db, fair, 3, 2);
	ck_assert(leads_company_add(db, "No Category GmbH", 0, 0, &bare, &err) == LA_OK);
	for (int i = 0; i < 2; i++) {
		ck_assert(leads_person_add(db, bare, 0, "Bare", "Lead", NULL, paul, &p, &err) == LA_OK);
		set_status(p, tu_default_status(db));
	}
	for (int i = 0; i < 3; i++) {
		ck_assert(leads_person_add(db, 0, lead_cat, "Lone", "Lead", NULL, mia, &loner, &err) == LA_OK);
		ck_assert_int_gt(tu_int(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", loner), 0);
	}
	/* Turning the fair's lead status off leaves its six contacts their status. */
	la_err_clear(&err);
	ck_assert(lists_get(db, LIST_CATEGORY, fair, &it, &err) == LA_OK);
	it.lead_status = false;
	ck_assert_msg(lists_save(db, &admin, &it, CONFIRM_YES, &err) == LA_OK, "%s", err.msg);
	lists_item_clear(&it);
	set_status(loner, nurture);
	set_status(tu_int(db, "SELECT min(person_id) FROM person WHERE contact_id = ?", bare), nurture);
	la_err_clear(&err);
	ck_assert_msg(lists_delete(db, &admin, LIST_LEADSTATUS, nurture, 0, CONFIRM_YES, &err) == LA_OK,
		      "%s", err.msg);
	ck_assert_int_eq(users_set_active(db, &admin, "paul.roth", false, &err), LA_OK);
	tu_exec(db, "INSERT INTO utm_parameters (created_person_id, "
		"firsttouch_source) SELECT person_id, 'fair' FROM person WHERE "
		"contact_id IS NULL; INSERT INTO utm_parameters (created_person_id, "
		"firsttouch_source) SELECT person_id, 'twice' FROM person WHERE "
		"contact_id IS NULL");
	ck_assert_int_eq(count("SELECT count(*) FROM utm_parameters"), 6);
	/* (On a server as another program could: without the foreign key.) */
	tu_exec(db, tu_on_server() ? "ALTER TABLE person DROP CONSTRAINT person_leadstatus_id_fkey"
		: "PRAGMA foreign_keys = OFF");
	tu_exec(db, "UPDATE person SET leadstatus_id = 999 WHERE person_id = (SELECT max(person_id) "
		"FROM person WHERE contact_id IN (SELECT contact_id FROM contact "
		"WHERE category_idx = (SELECT category_id FROM category WHERE name = 'Lead')))");
	if (!tu_on_server())
		tu_exec(db, "PRAGMA foreign_keys = ON");

	la_err_clear(&err);
	ck_assert_msg(overview_load(db, &ov, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(ov.total, count("SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL"));
	ck_assert_int_eq(ov.total, 4 + 6 + 2 + 3);
	for (int d = 0; d < OVERVIEW_DIMS; d++) {
		long sum = 0;

		for (size_t i = 0; i < ov.n[d]; i++)
			sum += ov.rows[d][i].contacts;
		ck_assert_msg(sum == ov.total, "%s: the rows add up to %ld, not %ld",
			      overview_dim_key((enum overview_dim)d), sum, ov.total);
	}
	/* The category rows: Lead holds 3 of its 4 (one is in status 999). */
	ck_assert_int_eq(by_label(&ov, OVERVIEW_CATEGORY, "Lead"), 4);
	ck_assert_int_eq(kind_row(&ov, OVERVIEW_CATEGORY, OVERVIEW_LEAD_OFF)->contacts, 6);
	ck_assert_int_eq(kind_row(&ov, OVERVIEW_CATEGORY, OVERVIEW_LEAD_OFF)->companies, 3);
	ck_assert_int_eq(kind_row(&ov, OVERVIEW_CATEGORY, OVERVIEW_NO_CATEGORY)->contacts, 2);
	ck_assert_int_eq(kind_row(&ov, OVERVIEW_CATEGORY, OVERVIEW_NO_CATEGORY)->companies, 1);
	ck_assert_int_eq(kind_row(&ov, OVERVIEW_CATEGORY, OVERVIEW_NO_COMPANY)->contacts, 3);
	ck_assert_int_eq(kind_row(&ov, OVERVIEW_CATEGORY, OVERVIEW_NO_COMPANY)->companies, 0);
	ck_assert_int_eq(by_label(&ov, OVERVIEW_CATEGORY, "Trade fair"), -1);
	/* A company has one category: its companies add up too. The other
	 * dimensions are about contacts and count no companies. */
	companies = 0;
	for (size_t i = 0; i < ov.n[OVERVIEW_CATEGORY]; i++)
		companies += ov.rows[OVERVIEW_CATEGORY][i].companies;
	ck_assert_int_eq(companies, count("SELECT count(DISTINCT contact_id) FROM person "
					  "WHERE leadstatus_id IS NOT NULL"));
	for (int d = 0; d < OVERVIEW_DIMS; d++)
		for (size_t i = 0; d != OVERVIEW_CATEGORY && i < ov.n[d]; i++)
			ck_assert_int_eq(ov.rows[d][i].companies, -1);
	/* The deleted status stays while contacts have it, marked. */
	for (size_t i = 0; i < ov.n[OVERVIEW_STATUS]; i++) {
		const struct overview_row *r = &ov.rows[OVERVIEW_STATUS][i];

		ck_assert(r->kind != OVERVIEW_ITEM || r->deleted == (r->id == nurture));
	}
	ck_assert_int_eq(by_label(&ov, OVERVIEW_STATUS, "Nurture"), 2);
	ck_assert_int_eq(kind_row(&ov, OVERVIEW_STATUS, OVERVIEW_UNLISTED)->contacts, 1);
	ck_assert_int_eq(kind_row(&ov, OVERVIEW_STATUS, OVERVIEW_UNLISTED)->id, 0);
	/* The owner paul.roth, deactivated, is marked; the lone ones are mia's. */
	for (size_t i = 0; i < ov.n[OVERVIEW_OWNER]; i++)
		ck_assert(ov.rows[OVERVIEW_OWNER][i].deleted == (ov.rows[OVERVIEW_OWNER][i].id == paul));
	ck_assert_int_eq(by_label(&ov, OVERVIEW_OWNER, "paul.roth"), 2);
	/* Two first touches count once: the first. */
	ck_assert_int_eq(by_label(&ov, OVERVIEW_SOURCE, "fair"), 3);
	ck_assert_int_eq(by_label(&ov, OVERVIEW_SOURCE, "twice"), -1);
	ck_assert_int_eq(kind_row(&ov, OVERVIEW_SOURCE, OVERVIEW_NONE)->contacts, ov.total - 3);
	ck_assert_str_eq(overview_row_label(kind_row(&ov, OVERVIEW_CATEGORY, OVERVIEW_NO_COMPANY)),
			 "(no company)");
	overview_free(&ov);
}
END_TEST

/* ------------------------------------------------------------ migration */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert(fread(buf, 1, (size_t)n, f) == (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* What must survive the upgrade, as one text. */
static const char kept_sql[] =
	"SELECT (SELECT count(*) FROM person) || '|' || (SELECT count(*) FROM contact) || '|' || "
	"(SELECT count(*) FROM email) || '|' || (SELECT count(*) FROM category) || '|' || "
	"(SELECT count(*) FROM leadstatus) || '|' || (SELECT count(*) FROM associate) || '|' || "
	"(SELECT group_concat(x, ';') FROM (SELECT category_id || ',' || name || ',' || deleted || ',' "
	"|| category_group || ',' || enable_lead_status AS x FROM category ORDER BY category_id)) || '|' || "
	"(SELECT group_concat(x, ';') FROM (SELECT leadstatus_id || ',' || name || ',' || is_default "
	"|| ',' || deleted AS x FROM leadstatus ORDER BY leadstatus_id)) || '|' || "
	"(SELECT group_concat(x, ';') FROM (SELECT associate_id || ',' || name || ',' || role || ',' || "
	"deleted AS x FROM associate ORDER BY associate_id)) || '|' || "
	"(SELECT sum(person_id * 7 + coalesce(contact_id, 0) * 3 + coalesce(leadstatus_id, 0) * 11 + "
	"coalesce(associate_id, 0) * 13) FROM person) || '|' || "
	"(SELECT group_concat(x, ';') FROM (SELECT audit_id || ',' || action || ',' || list || ',' || "
	"coalesce(new_value, '') AS x FROM audit WHERE audit_id <= 5 ORDER BY audit_id)) || '|' || "
	"(SELECT group_concat(email_address) FROM email WHERE person_id IN (1, 150, 310))";

START_TEST(migration_from_version_1_keeps_everything)
{
	const char *top = getenv("top_srcdir");
	char fixture[1024], path[512], before[8192], *sql, *msg = NULL;
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long audits;

	snprintf(fixture, sizeof(fixture), "%s/tests/fixtures/v1-demo.sql", top && *top ? top : ".");
	snprintf(path, sizeof(path), "%s", tmp_path("v1.db"));
	sql = slurp(fixture);
	ck_assert(sqlite3_open(path, &h) == SQLITE_OK);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
	free(sql);
	/* The fixture's administrator is "root": make it whoever runs the test. */
	ck_assert(sqlite3_prepare_v2(h, "UPDATE associate SET name = ? WHERE name = 'root'", -1, &st,
				     NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, rights_os_login(), -1, SQLITE_STATIC);
	ck_assert(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	ck_assert(sqlite3_prepare_v2(h, kept_sql, -1, &st, NULL) == SQLITE_OK);
	ck_assert(sqlite3_step(st) == SQLITE_ROW);
	snprintf(before, sizeof(before), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	ck_assert(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK);
	ck_assert(sqlite3_step(st) == SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	ck_assert(sqlite3_close(h) == SQLITE_OK);
	tu_assert_has(before, "310|120|310|6|6|5|");
	tu_assert_has(before, "6,Partner,1,3,0");
	tu_assert_has(before, "Wiedervorlage");

	db_close(db);
	db = NULL;
	reopen(path);
	ck_assert_int_eq(count("PRAGMA user_version"), DB_SCHEMA_VERSION);
	ck_assert_int_ge(DB_SCHEMA_VERSION, 2);
	assert_str(tu_text(db, kept_sql, -1), before);
	audits = count("SELECT count(*) FROM audit");
	/* Only the schema's own rows (upgrade, backup) were added. */
	ck_assert_int_eq(audits, 5 + count("SELECT count(*) FROM audit WHERE audit_id > 5 "
					   "AND list = 'schema'"));
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE list = 'schema' AND new_value = 'version 2'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
			       "('usergroup', 'licence', 'distribute_associate', 'form_submission', "
			       "'utm_parameters')"), 5);
	ck_assert_int_eq(count("SELECT count(*) FROM pragma_table_info('associate') WHERE name = 'group_idx'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM licence WHERE name = 'marketing-premium' AND enabled = 0"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM form_submission"), 0);
	assert_str(tu_text(db, "SELECT value FROM setting WHERE key = 'language'", -1), "de");
	/* Opening again changes nothing more. */
	reopen(path);
	ck_assert_int_eq(count("SELECT count(*) FROM audit"), audits);
	assert_str(tu_text(db, kept_sql, -1), before);
	/* And the upgraded database takes submissions. */
	lead_cat = 1;
	anna = 2;
	jonas = 3;
	mia = 4;
	standard();
	ck_assert_int_eq(subf("m1", "contact1.1@example.com", "").outcome, SUBMIT_UPDATED);
	ck_assert_int_eq(subf("m2", "brand.new@example.com", "").outcome, SUBMIT_CREATED);
	ck_assert_int_eq(count("SELECT count(*) FROM person"), 311);
}
END_TEST

static Suite *marketing_suite(void)
{
	Suite *s = suite_create("marketing");
	TCase *tc = tcase_create("utm");

	tcase_add_test(tc, utm_percent_decoding_including_utf8);
	tcase_add_test(tc, utm_plus_is_space_and_encoded_plus_stays);
	tcase_add_test(tc, utm_names_case_insensitive);
	tcase_add_test(tc, utm_first_of_repeated_wins);
	tcase_add_test(tc, utm_first_of_repeated_wins_even_when_empty);
	tcase_add_test(tc, utm_missing_parameters_are_null);
	tcase_add_test(tc, utm_empty_value_is_null);
	tcase_add_test(tc, utm_overlong_cut_to_255_characters);
	tcase_add_test(tc, utm_overlong_multibyte_counted_in_characters);
	tcase_add_test(tc, utm_values_trimmed);
	tcase_add_test(tc, utm_control_characters_dropped);
	tcase_add_test(tc, utm_invalid_utf8_becomes_replacement_character);
	tcase_add_test(tc, utm_fragment_ignored);
	tcase_add_test(tc, utm_no_query);
	tcase_add_test(tc, utm_domain_forms);
	suite_add_tcase(s, tc);

	tc = tcase_create("submit");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, new_person_first_touch_from_firsttouch_object);
	tcase_add_test(tc, new_person_first_touch_from_visit_without_firsttouch);
	tcase_add_test(tc, explicit_utm_wins_over_the_address);
	tcase_add_test(tc, known_email_any_case_is_a_conversion);
	tcase_add_test(tc, person_known_before_forms_gets_a_conversion);
	tcase_add_test(tc, same_id_twice_is_skipped);
	tcase_add_test(tc, numeric_id_is_an_id_too);
	tcase_add_test(tc, company_matched_case_insensitively);
	tcase_add_test(tc, new_company_in_form_category_with_first_contacts_owner);
	tcase_add_test(tc, default_status_when_form_category_has_lead_status);
	tcase_add_test(tc, no_status_when_form_category_has_lead_status_off);
	tcase_add_test(tc, no_status_without_form_category);
	tcase_add_test(tc, malformed_lines_rejected_others_processed);
	tcase_add_test(tc, a_nul_byte_after_a_number_is_rejected);
	tcase_add_test(tc, a_key_twice_is_rejected_naming_the_key);
	tcase_add_test(tc, bytes_that_are_not_utf8_are_rejected_with_their_place);
	tcase_add_test(tc, a_json_error_gives_the_column_within_its_line);
	tcase_add_test(tc, deep_nesting_and_huge_lines_are_rejected_without_a_crash);
	tcase_add_test(tc, strict_stops_at_first_rejected_line);
	tcase_add_test(tc, a_broken_key_rolls_back_the_batch);
	tcase_add_test(tc, inactive_actor_cannot_submit);
	suite_add_tcase(s, tc);

	tc = tcase_create("distribute");
	tcase_add_checked_fixture(tc, setup, teardown);
	tu_sqlite_test(tc, rotation_persists_across_runs, "it opens a database file again and again");
	tcase_add_test(tc, inactive_associate_skipped);
	tcase_add_test(tc, group_mode_uses_members_at_that_moment);
	tcase_add_test(tc, nobody_eligible_gives_fallback);
	tcase_add_test(tc, empty_group_gives_fallback);
	tcase_add_test(tc, nobody_eligible_and_no_fallback_gives_no_owner);
	tcase_add_test(tc, distribution_off_gives_no_owner);
	tcase_add_test(tc, only_unassigned_keeps_known_owner);
	tcase_add_test(tc, only_unassigned_off_gives_next_owner);
	tcase_add_test(tc, licence_off_no_utm_no_owner);
	tcase_add_test(tc, licence_disabled_again_stops_utm_and_owners);
	tcase_add_test(tc, utm_off_with_licence_still_assigns);
	suite_add_tcase(s, tc);

	tc = tcase_create("settings");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, marketing_save_general_admin_only);
	tcase_add_test(tc, marketing_save_stale_refused);
	tcase_add_test(tc, marketing_invalid_settings_refused);
	tcase_add_test(tc, licence_general_admin_only_with_audit);
	suite_add_tcase(s, tc);

	tc = tcase_create("users");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, usergroup_add_rename_duplicate_delete_restore);
	tcase_add_test(tc, usergroup_changes_need_general_admin);
	tcase_add_test(tc, user_set_group);
	tcase_add_test(tc, user_deactivate_reactivate);
	tcase_add_test(tc, user_save_is_all_or_nothing);
	tcase_add_test(tc, usergroup_move_swaps_with_the_neighbour);
	tcase_add_test(tc, last_general_admin_stays);
	suite_add_tcase(s, tc);

	tc = tcase_create("overview");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, overview_counts_match_sql);
	tcase_add_test(tc, overview_contacts_page_through_ties);
	tu_sqlite_test(tc, overview_contacts_page_undated_last,
		       "a legacy table of persons without registered, which the server's schema has not");
	tcase_add_test(tc, overview_every_dimension_adds_up_to_the_total);
	suite_add_tcase(s, tc);

	tc = tcase_create("migration");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tu_sqlite_test(tc, migration_from_version_1_keeps_everything,
		       "a database of version 1 is a SQLite file");
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(marketing_suite()); }

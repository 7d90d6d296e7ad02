/* UTM values cleaned up: the distinct stored values of a field, grouped
 * by utm_group_key, and aliases that map a value to a canonical one
 * (data/migrate-10.sql) for future submissions, the lead overview and,
 * on request, the stored rows. */
#ifndef LA_UTMALIAS_H
#define LA_UTMALIAS_H

#include <stdbool.h>
#include <stddef.h>

#include "actor.h"
#include "db.h"
#include "status.h"
#include "utm.h"

/* The fields that take aliases: UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN. */
#define UTMALIAS_FIELDS 3

/* "source", "medium", "campaign": false for anything else. */
bool utmalias_field_parse(const char *name, enum utm_key *field);
/* The translated label of a field ("Source"). */
const char *utmalias_field_label(enum utm_key field);

/* One distinct stored value of a field. */
struct utmalias_value {
	char *value;
	char *key;           /* utm_group_key(value) */
	char *canonical;     /* its alias's canonical value, or NULL */
	long submissions;    /* form submissions whose visit has it */
	long first_touches;  /* first touches of new contacts that have it */
};

struct utmalias_values {
	struct utmalias_value *v;
	size_t n;
};

/* The values of field, grouped: by key, and in a group the most used
 * first (submissions + first touches), then by value. A group is a run
 * of equal keys. */
enum la_status utmalias_values(struct db *db, enum utm_key field,
			       struct utmalias_values *out, struct la_err *err);
void utmalias_values_free(struct utmalias_values *vals);
/* The index after the group that starts at i. */
size_t utmalias_group_end(const struct utmalias_values *vals, size_t i);

/* A stored alias. */
struct utmalias {
	enum utm_key field;
	char *value;
	char *canonical;
	char *registered;    /* "YYYY-MM-DD HH:MM:SS" */
	char *login;         /* who made it, "" when unknown */
};

struct utmaliases {
	struct utmalias *v;
	size_t n;
};

/* The aliases of field (all fields with all), by field, canonical, value. */
enum la_status utmalias_list(struct db *db, bool all, enum utm_key field,
			     struct utmaliases *out, struct la_err *err);
void utmaliases_free(struct utmaliases *a);

/* The stored rows that hold value in field: form submissions, the visits
 * and the first touches of utm_parameters. */
struct utmalias_rows {
	long submissions, visits, first_touches;
};
enum la_status utmalias_rows(struct db *db, enum utm_key field, const char *value,
			     struct utmalias_rows *rows, struct la_err *err);

struct utmalias_outcome {
	size_t added, changed, unchanged;  /* aliases */
	struct utmalias_rows rewritten;    /* with rewrite, or what would be */
};

/* Maps each of the n values of field to canonical: General administrator
 * only (like the marketing settings). Refused (nothing changed): an empty
 * or invalid canonical value (rule 3, lists_check_value), an empty value
 * (values are matched as utm_clean stores them, without NFC), a value
 * that is the canonical value itself, a canonical value that is an alias
 * (a chain), a value that other aliases map to when they are not among
 * values (a chain; named in the same call they move along). A value that
 * is an alias already gets the new canonical value. With rewrite the
 * stored rows change too, but only with yes: without, LA_CONFIRM with
 * what would change in out->rewritten and in the message. Each alias
 * written and each value rewritten is an audit row. */
enum la_status utmalias_set(struct db *db, const struct la_actor *actor, enum utm_key field,
			    const char *const *values, size_t n, const char *canonical,
			    bool rewrite, bool yes, struct utmalias_outcome *out,
			    struct la_err *err);

/* Removes the aliases of the n values of field (the stored rows keep what
 * they hold): General administrator only; LA_NOT_FOUND, nothing removed,
 * when one of them is no alias. */
enum la_status utmalias_remove(struct db *db, const struct la_actor *actor,
			       enum utm_key field, const char *const *values, size_t n,
			       struct la_err *err);

/* The aliases in memory, for many submissions in one transaction. */
struct utmalias_map {
	struct utmalias_pair {
		char *value, *canonical;
	} *v[UTMALIAS_FIELDS];
	size_t n[UTMALIAS_FIELDS];
};
enum la_status utmalias_map_load(struct db *db, struct utmalias_map *m, struct la_err *err);
/* Replaces each value of u that is an alias by its canonical value. */
void utmalias_map_apply(const struct utmalias_map *m, struct utm *u);
void utmalias_map_free(struct utmalias_map *m);

struct jbuf;
struct json_t;

/* Every alias as JSON, an array of {"field": "source", "value": VALUE,
 * "canonical": CANONICAL} by field, canonical, value: the export's
 * "utm_aliases" member. */
enum la_status utmalias_json(struct db *db, struct jbuf *b, struct la_err *err);
/* Stores the aliases an array in that shape names (each as utmalias_set
 * stores it, the others as they are): import's "utm_aliases" member,
 * inside its transaction. Every element is checked first; a malformed one
 * is refused with its index. An alias already stored as the file has it
 * is left alone (no General administrator needed for it). */
enum la_status utmalias_import(struct db *db, const struct la_actor *actor,
			       const struct json_t *array, struct la_err *err);

#endif

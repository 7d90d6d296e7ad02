/* Form submissions: JSON lines in, companies and contacts out, with their
 * UTM data and an owner (DESIGN §1 Marketing Premium; issue 4). */
#ifndef LA_SUBMIT_H
#define LA_SUBMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "rights.h"
#include "status.h"

enum submit_outcome {
	SUBMIT_CREATED,   /* a new person (and maybe a new company) */
	SUBMIT_UPDATED,   /* a known person: a conversion */
	SUBMIT_SKIPPED,   /* this id was processed before */
	SUBMIT_REJECTED,  /* malformed: nothing changed */
};

struct submit_result {
	enum submit_outcome outcome;
	int64_t person_id;
	int64_t contact_id;    /* the company, 0 for none */
	int64_t owner_id;      /* the owner given now, 0 for none */
	char reason[256];      /* SUBMIT_REJECTED: why */
};

/* Processes one submission (a JSON object as text) atomically. A malformed
 * one gives SUBMIT_REJECTED with the reason and LA_OK; a database failure
 * returns its status. */
enum la_status submit_one(struct db *db, const struct la_actor *actor,
			  const char *text, size_t len,
			  struct submit_result *res, struct la_err *err);

struct submit_owner_count {
	int64_t associate_id;
	char *login;
	long count;
};

struct submit_summary {
	long created, updated, skipped, rejected;
	struct submit_owner_count *owners;
	size_t nowners;
	bool stopped;          /* --strict stopped at a rejected line */
};

/* Reads submissions, one JSON object a line, from in. Every rejected line
 * goes to reject_cb with its number and reason. With strict, the first
 * rejected line stops the run (what came before stays). */
enum la_status submit_stream(struct db *db, const struct la_actor *actor,
			     FILE *in, bool strict,
			     void (*reject_cb)(void *ctx, long line, const char *reason),
			     void *ctx, struct submit_summary *sum,
			     struct la_err *err);
void submit_summary_free(struct submit_summary *sum);

/* An id's bytes: a text of up to 200 characters, or a number. */
#define SUBMIT_KEY_BYTES (200 * 4 + 1)
/* An e-mail address's bytes: up to 254 characters. */
#define SUBMIT_EMAIL_BYTES (254 * 4 + 1)
struct marketing_settings;
struct marketing_rotation;
/* The one choice of an owner, for submit and its dry run: with the licence
 * and Distribute on, a new contact (not known) takes the next owner of the
 * rotation, and so does a known one (a conversion) unless only unassigned
 * contacts get one and *owner, its owner, is set. *given says whether the
 * rotation was asked; *owner is then its answer (0: no one available). */
enum la_status submit_owner(struct db *db, const struct marketing_settings *ms, bool licensed,
			    struct marketing_rotation *rotation, bool known,
			    int64_t *owner, bool *given, struct la_err *err);

/* What a submission would meet, read without writing: rejected (with the
 * reason), its id processed before, or the person of its e-mail address
 * (0 for none) and that person's owner. */
struct submit_peek {
	bool rejected;
	char reason[256];
	bool processed;
	char key[SUBMIT_KEY_BYTES];
	char email[SUBMIT_EMAIL_BYTES];  /* ASCII lower case, as it is looked up */
	int64_t person, owner;
};
enum la_status submit_peek(struct db *db, const char *text, size_t len,
			   struct submit_peek *p, struct la_err *err);

/* The pieces that every reader of JSON lines shares (submit, events). */
#include <sys/types.h>
struct json_t;
/* The next line that is not blank, without its line end: its length, or -1
 * at the end (or a read error: ferror). Counts lines and bytes, and tells
 * db's progress every 64 lines. */
ssize_t submit_next_line(struct db *db, FILE *in, char **line, size_t *cap,
			 long *lineno, uint64_t *bytes);
/* A JSON id: a text without control characters, or a whole number. */
bool submit_read_key(const struct json_t *id, char key[SUBMIT_KEY_BYTES]);
/* An ISO 8601 time (date, optional time, optional zone) as UTC
 * "YYYY-MM-DD HH:MM:SS". */
bool submit_parse_time(const char *s, char out[20]);

#endif

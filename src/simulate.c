#include "config.h"
#include "simulate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rights.h"
#include "submit.h"

/* What the run has changed so far, in memory only: ids it processed, and
 * the owner of each contact it made or gave an owner to (by e-mail
 * address for a file, by person for stored submissions). */
struct seen {
	char *key;
	int64_t owner;
	struct seen *next;
};

struct seen_set {
	struct seen **b;
	size_t nb, n;
};

static size_t seen_hash(const char *s, size_t nb)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % nb;
}

static struct seen *seen_find(const struct seen_set *set, const char *key)
{
	struct seen *e;

	if (!set->nb)
		return NULL;
	for (e = set->b[seen_hash(key, set->nb)]; e; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static void seen_put(struct seen_set *set, const char *key, int64_t owner)
{
	struct seen *e = seen_find(set, key);
	size_t h;

	if (e) {
		e->owner = owner;
		return;
	}
	if (set->n >= set->nb) {
		size_t nb = set->nb ? set->nb * 2 : 256, i;
		struct seen **b = calloc(nb, sizeof(*b));

		if (!b)
			abort();
		for (i = 0; i < set->nb; i++)
			while ((e = set->b[i])) {
				set->b[i] = e->next;
				h = seen_hash(e->key, nb);
				e->next = b[h];
				b[h] = e;
			}
		free(set->b);
		set->b = b;
		set->nb = nb;
	}
	if (!(e = malloc(sizeof(*e))) || !(e->key = strdup(key)))
		abort();
	e->owner = owner;
	h = seen_hash(key, set->nb);
	e->next = set->b[h];
	set->b[h] = e;
	set->n++;
}

static void seen_free(struct seen_set *set)
{
	size_t i;
	struct seen *e;

	for (i = 0; i < set->nb; i++)
		while ((e = set->b[i])) {
			set->b[i] = e->next;
			free(e->key);
			free(e);
		}
	free(set->b);
	memset(set, 0, sizeof(*set));
}

struct run {
	struct marketing_settings ms;
	struct marketing_rotation rotation;
	struct seen_set keys, contacts;
	bool read_started;
};

static void login_into(struct db *db, int64_t id, char *buf, size_t len)
{
	if (rights_login_of(db, id, buf, len, NULL) != LA_OK)
		snprintf(buf, len, "#%lld", (long long)id);
}

static void add_skip(struct db *db, struct simulate *sim, int64_t id, enum simulate_why why)
{
	struct simulate_skip *k;
	size_t i;

	for (i = 0; i < sim->nskipped; i++)
		if (sim->skipped[i].id == id)
			return;
	sim->skipped = realloc(sim->skipped, (sim->nskipped + 1) * sizeof(*sim->skipped));
	if (!sim->skipped)
		abort();
	k = &sim->skipped[sim->nskipped++];
	k->id = id;
	k->why = why;
	login_into(db, id, k->login, sizeof(k->login));
}

/* Who the settings name but the rotation passes over, and why. */
static enum la_status find_skipped(struct db *db, const struct marketing_settings *ms,
				   struct simulate *sim, struct la_err *err)
{
	static const char assoc_sql[] =
		"SELECT d.associate_id, a.deleted, coalesce(a.group_idx, 0) "
		"FROM distribute_associate d JOIN associate a USING (associate_id) "
		"ORDER BY d.associate_id";
	static const char group_sql[] =
		"SELECT a.associate_id, a.deleted, g.deleted FROM associate a "
		"JOIN usergroup g ON g.usergroup_id = a.group_idx "
		"WHERE a.group_idx = ? ORDER BY a.associate_id";
	struct db_stmt *st;
	int rc;

	if (ms->mode == DISTRIBUTE_GROUP) {
		if (!(st = db_stmt(db, group_sql, err)))
			return LA_DB;
		db_bind_int64(st, 1, ms->group_id);
		while ((rc = db_step(st)) == DB_ROW) {
			int64_t id = db_col_int64(st, 0);

			if (db_col_int(st, 2))
				add_skip(db, sim, id, SIMULATE_GROUP_DELETED);
			else if (db_col_int(st, 1))
				add_skip(db, sim, id, SIMULATE_INACTIVE);
		}
		db_reset(st);
		if (rc != DB_DONE)
			return db_fail(db, err, "associate");
	}
	/* Selected associates: in group mode those who are not members (they
	 * were chosen for the other mode), in associates mode the deactivated. */
	if (!(st = db_stmt(db, assoc_sql, err)))
		return LA_DB;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int64(st, 0);
		bool inactive = db_col_int(st, 1) != 0;

		if (ms->mode == DISTRIBUTE_ASSOCIATES && inactive)
			add_skip(db, sim, id, SIMULATE_INACTIVE);
		else if (ms->mode == DISTRIBUTE_GROUP && !inactive &&
			 db_col_int64(st, 2) != ms->group_id)
			add_skip(db, sim, id, SIMULATE_NOT_IN_GROUP);
	}
	db_reset(st);
	return rc == DB_DONE ? LA_OK : db_fail(db, err, "distribute_associate");
}

static enum la_status run_start(struct db *db, enum distribute_mode mode, struct run *r,
				struct simulate *sim, struct la_err *err)
{
	enum la_status rc;
	int64_t *ids;
	size_t n, i;
	const char *last;

	memset(r, 0, sizeof(*r));
	memset(sim, 0, sizeof(*sim));
	if ((rc = db_read_begin(db, &r->read_started, err)) != LA_OK)
		return rc;
	if ((rc = marketing_load(db, &r->ms, err)) != LA_OK)
		return rc;
	if (!marketing_licensed(db, LICENCE_MARKETING_PREMIUM))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, "%s",
			       _("The Marketing Premium licence is not enabled: submissions assign no owner, so there is nothing to simulate"));
	if (mode != DISTRIBUTE_OFF)
		r->ms.mode = mode;
	if (r->ms.mode == DISTRIBUTE_OFF)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, "%s",
			       _("Distribute to owner is off: submissions assign no owner. To preview it before turning it on, give --distribute associates or --distribute group"));
	sim->mode = r->ms.mode;
	if ((rc = marketing_eligible(db, &r->ms, &ids, &n, err)) != LA_OK)
		return rc;
	sim->owners = calloc(n ? n : 1, sizeof(*sim->owners));
	if (!sim->owners)
		abort();
	for (i = 0; i < n; i++) {
		sim->owners[i].id = ids[i];
		login_into(db, ids[i], sim->owners[i].login, sizeof(sim->owners[i].login));
	}
	sim->nowners = sim->neligible = n;
	free(ids);
	last = db_setting(db, "marketing.rotation_last", "0");
	sim->after = last ? strtoll(last, NULL, 10) : 0;
	if (sim->after)
		login_into(db, sim->after, sim->after_login, sizeof(sim->after_login));
	return find_skipped(db, &r->ms, sim, err);
}

static void run_end(struct db *db, struct run *r, struct simulate *sim, enum la_status rc)
{
	size_t i;
	long lo = 0, hi = 0;

	db_read_end(db, r->read_started);
	marketing_rotation_forget(&r->rotation);
	marketing_settings_free(&r->ms);
	seen_free(&r->keys);
	seen_free(&r->contacts);
	for (i = 0; i < sim->neligible; i++) {
		if (i == 0 || sim->owners[i].count < lo)
			lo = sim->owners[i].count;
		if (i == 0 || sim->owners[i].count > hi)
			hi = sim->owners[i].count;
	}
	sim->spread = hi - lo;
	if (rc != LA_OK)
		simulate_free(sim);
}

static void count(struct db *db, struct simulate *sim, int64_t owner)
{
	size_t i;

	sim->given++;
	for (i = 0; i < sim->nowners; i++)
		if (sim->owners[i].id == owner) {
			sim->owners[i].count++;
			return;
		}
	sim->owners = realloc(sim->owners, (sim->nowners + 1) * sizeof(*sim->owners));
	if (!sim->owners)
		abort();
	memset(&sim->owners[sim->nowners], 0, sizeof(*sim->owners));
	sim->owners[sim->nowners].id = owner;
	sim->owners[sim->nowners].count = 1;
	sim->owners[sim->nowners].fallback = true;
	login_into(db, owner, sim->owners[sim->nowners].login, sizeof(sim->owners[0].login));
	sim->nowners++;
}

/* One submission to contact (its key in r->contacts): known or new, with
 * its owner; asks the same choice as submit and remembers the result. */
static enum la_status one(struct db *db, struct run *r, struct simulate *sim,
			  const char *contact, bool known, int64_t owner, struct la_err *err)
{
	struct seen *e = seen_find(&r->contacts, contact);
	bool given;
	int64_t before;
	enum la_status rc;

	if (e) {
		known = true;
		owner = e->owner;
	}
	before = owner;
	if ((rc = submit_owner(db, &r->ms, true, &r->rotation, known, &owner, &given, err)) != LA_OK)
		return rc;
	if (!given)
		sim->kept++;
	else if (owner)
		count(db, sim, owner);
	else
		sim->nobody++;
	seen_put(&r->contacts, contact, owner ? owner : before);
	return LA_OK;
}

enum la_status simulate_file(struct db *db, enum distribute_mode mode, FILE *in,
			     void (*reject_cb)(void *ctx, long line, const char *reason),
			     void *ctx, struct simulate *sim, struct la_err *err)
{
	struct run r;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	uint64_t bytes = 0;
	enum la_status rc = run_start(db, mode, &r, sim, err);

	while (rc == LA_OK && (len = submit_next_line(db, in, &line, &cap, &lineno, &bytes)) >= 0) {
		struct submit_peek p;

		if ((rc = submit_peek(db, line, (size_t)len, &p, err)) != LA_OK)
			break;
		sim->submissions++;
		if (p.rejected) {
			sim->rejected++;
			if (reject_cb)
				reject_cb(ctx, lineno, p.reason);
			continue;
		}
		if (p.processed || seen_find(&r.keys, p.key)) {
			sim->repeated++;
			continue;
		}
		seen_put(&r.keys, p.key, 0);
		rc = one(db, &r, sim, p.email, p.person != 0, p.owner, err);
	}
	if (rc == LA_OK && ferror(in))
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("reading stopped after line %ld (%s)"), lineno, strerror(errno));
	free(line);
	run_end(db, &r, sim, rc);
	return rc;
}

enum la_status simulate_last(struct db *db, enum distribute_mode mode, long n,
			     struct simulate *sim, struct la_err *err)
{
	static const char sql[] =
		"SELECT f.kind = 'conversion', coalesce(f.person_id, 0), coalesce(p.associate_id, 0), "
		"f.form_submission_id "
		"FROM (SELECT * FROM form_submission ORDER BY form_submission_id DESC LIMIT ?) f "
		"LEFT JOIN person p ON p.person_id = f.person_id "
		"ORDER BY f.form_submission_id";
	struct run r;
	struct db_stmt *st = NULL;
	int step = DB_DONE;
	enum la_status rc = run_start(db, mode, &r, sim, err);

	if (rc == LA_OK && !(st = db_stmt(db, sql, err)))
		rc = LA_DB;
	if (rc == LA_OK) {
		db_bind_int64(st, 1, n);
		while (rc == LA_OK && (step = db_step(st)) == DB_ROW) {
			char key[32];

			int64_t person = db_col_int64(st, 1);

			/* A submission whose person is gone stands for itself. */
			if (person)
				snprintf(key, sizeof(key), "p%lld", (long long)person);
			else
				snprintf(key, sizeof(key), "s%lld", (long long)db_col_int64(st, 3));
			sim->submissions++;
			rc = one(db, &r, sim, key, db_col_int(st, 0) != 0,
				 db_col_int64(st, 2), err);
		}
		db_reset(st);
		if (rc == LA_OK && step != DB_DONE)
			rc = db_fail(db, err, "form_submission");
	}
	run_end(db, &r, sim, rc);
	return rc;
}

const char *simulate_why_key(enum simulate_why why)
{
	switch (why) {
	case SIMULATE_INACTIVE: return "inactive";
	case SIMULATE_GROUP_DELETED: return "group-deleted";
	case SIMULATE_NOT_IN_GROUP: return "not-in-group";
	}
	return "?";
}

const char *simulate_why_text(enum simulate_why why)
{
	switch (why) {
	case SIMULATE_INACTIVE: return _("inactive (deactivated user)");
	case SIMULATE_GROUP_DELETED: return _("deleted (the user group is deleted)");
	case SIMULATE_NOT_IN_GROUP: return _("not in the group (a selected associate)");
	}
	return "?";
}

void simulate_free(struct simulate *sim)
{
	free(sim->owners);
	free(sim->skipped);
	memset(sim, 0, sizeof(*sim));
}

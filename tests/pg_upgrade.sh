#!/bin/sh
# `leadadmin upgrade` on a PostgreSQL server (a real one that the test
# starts, tests/pglib.sh). A database is made as released builds made one
# at server schema version 11: the schema file of the time
# (tests/fixtures/pg-schema-11.sql), the seeds, the language, the first
# General administrator, the name keys, the version and the change log's
# first row, as that build's init wrote them; then companies, contacts and
# first touches that its row triggers counted. Then:
#   - opening it without upgrade is refused with the command that
#     upgrades it, and nothing changes (pg_dump before and after);
#   - upgrade --dry-run says what it would do and changes nothing;
#   - a login that does not own the tables cannot upgrade it;
#   - upgrade brings it to this version, with the change log's row, and its
#     schema is the schema of a new database (pg_dump --schema-only of
#     both, the databases' names, which are in their roles' names, made
#     alike);
#   - the kept counts are right (setup-check --deep) after the upgrade and
#     after a submit on it, and a multi-row INSERT counts as on a new
#     database;
#   - a second upgrade has nothing to do; a newer version is refused
#     untouched.
# Skips without PostgreSQL.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
# shellcheck source=tests/pglib.sh
. "$top_srcdir/tests/pglib.sh"
FIXTURE=$top_srcdir/tests/fixtures/pg-schema-11.sql
[ -s "$FIXTURE" ] || { echo "Bail out! $FIXTURE is missing"; exit 99; }

pg_start old
[ -x "$PG_BINDIR/pg_dump" ] || pg_skip "$PG_BINDIR/pg_dump is missing"
ME=$(id -un)
OLD=$PG_URL
pg_psql -d template1 -c 'CREATE DATABASE fresh'
FRESH="postgresql:///fresh?host=$PGHOST"

# psql_as_me DB ARGS...: psql as the test's login (who owns what it makes).
psql_as_me() {
	_db=$1
	shift
	"$PG_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$_db" "$@"
}
# dump DB [ARGS...]: pg_dump of DB, its name in its roles' names made DB.
dump() {
	_db=$1
	shift
	"$PG_BINDIR/pg_dump" --no-comments "$@" -d "$_db" |
		sed -e 's/@old\b/@DB/g' -e 's/@fresh\b/@DB/g' -e '/^-- Dumped /d' -e '/^\\\(un\)\{0,1\}restrict /d'
}
# unchanged BEFORE AFTER NAME: the two dumps are the same, or the test says
# where they differ.
unchanged() {
	is "$(diff "$1" "$2" | head -20)" "" "$3"
}
ver() {
	sql "$1" "SELECT value FROM setting WHERE key = 'schema.version'"
}

# ---- a database as the old build made it
psql_as_me "$OLD" -1 -f "$FIXTURE" -f "$top_srcdir/data/leadstatus.en.sql" \
	-f "$top_srcdir/data/categories.en.sql" -c "
	INSERT INTO setting (key, value) VALUES ('language', 'en');
	INSERT INTO associate (name, role) VALUES ('$ME', 2);
	UPDATE category SET la_name_key = la_fold(name);
	UPDATE leadstatus SET la_name_key = la_fold(name);
	INSERT INTO setting (key, value) VALUES ('schema.version', '11');
	INSERT INTO audit (login, list, action, new_value) VALUES ('$ME', 'schema', 'upgrade', 'version 11');"
is "$?" 0 "the old schema, seeds and settings load as the old init wrote them"
# Companies, contacts and first touches, several in one statement, counted
# by the old row triggers.
psql_as_me "$OLD" -1 -c "
	INSERT INTO contact (name, la_name_key, category_idx) VALUES
		('Alpha', 'alpha', 1), ('Beta', 'beta', 1), ('Gamma', 'gamma', 2), ('Delta', 'delta', NULL);
	INSERT INTO person (contact_id, firstname, lastname, leadstatus_id, associate_id) VALUES
		(1, 'A', 'One', 1, 1), (1, 'A', 'Two', 2, NULL), (2, 'B', 'One', 1, NULL),
		(3, 'C', 'One', 3, 1), (4, 'D', 'One', 1, NULL), (NULL, 'N', 'None', 2, NULL);
	INSERT INTO utm_parameters (created_person_id, created_contact_id, firsttouch_source, firsttouch_campaign) VALUES
		(1, 1, 'google', 'spring'), (1, 1, 'bing', 'later'), (3, 2, 'newsletter', 'autumn'),
		(4, 3, 'google', 'autumn');"
is "$?" 0 "and companies, contacts and first touches"
is "$(sql "$OLD" "SELECT count(*) FROM pg_trigger WHERE tgname = 'lead_person_insert' AND tgtype & 1 = 1")" 1 \
	"the old database counts a new lead per row (its trigger is FOR EACH ROW)"
tallies_before=$(sql "$OLD" "SELECT string_agg(format('%s/%s/%s/%s:%s/%s', dim, kind, item, value, contacts, companies), ' ' ORDER BY dim, kind, item, value) FROM lead_tally")

# ---- refused without upgrade, untouched
dump "$OLD" >"$TEST_TMP/old.dump"
la --db "$OLD" category list
is "$RC" 3 "category list on the old database exits 3"
is "$ERR" "leadadmin: $OLD: has schema version 11, this program uses 13; upgrade it with: leadadmin --db $OLD upgrade; nothing was changed" \
	"and says how to upgrade it"
la --db "$OLD" setup-check --deep
is "$RC" 3 "so does setup-check --deep"
dump "$OLD" >"$TEST_TMP/after-refusal.dump"
unchanged "$TEST_TMP/old.dump" "$TEST_TMP/after-refusal.dump" "nothing changed (pg_dump, data included)"

# ---- a dry run
la --db "$OLD" upgrade --dry-run
is "$RC" 0 "upgrade --dry-run exits 0"
[ "$RC" -eq 0 ] || printf '%s\n' "$ERR" | sed 's/^/# /'
like "$OUT" "Dry run: upgrading $OLD would do this; nothing was changed:" "it says it is a dry run"
like "$OUT" "Schema version 11 to 13." "and what it would do"
like "$OUT" "utm_parameters_person" "naming the index"
# Its change log's row was rolled back, but the number it took is gone:
# PostgreSQL's sequences are not transactional (any rolled-back INSERT
# does that). Everything else is as it was.
dump "$OLD" >"$TEST_TMP/after-dry.dump"
grep -v "^SELECT pg_catalog.setval('public.audit_audit_id_seq'" "$TEST_TMP/old.dump" >"$TEST_TMP/old-noseq.dump"
grep -v "^SELECT pg_catalog.setval('public.audit_audit_id_seq'" "$TEST_TMP/after-dry.dump" >"$TEST_TMP/after-dry-noseq.dump"
unchanged "$TEST_TMP/old-noseq.dump" "$TEST_TMP/after-dry-noseq.dump" \
	"nothing changed but the audit_id sequence (pg_dump, data included)"

# ---- a User cannot upgrade: the role bob, a User of leadadmin, through
# the test's own connection (SET ROLE at its start).
pg_psql -c 'CREATE ROLE bob LOGIN'
psql_as_me "$OLD" -c "GRANT \"leadadmin_user@old\" TO bob"
la --db "$OLD&options=-c%20role%3Dbob" upgrade
is "$RC" 1 "a User's login cannot upgrade (exit 1)"
like "$ERR" "only the owner of its tables ($ME) can upgrade it, and this connection's role is bob; nothing was changed" \
	"and is told who can"
la --db "$OLD&options=-c%20role%3Dbob" category list
is "$RC" 3 "nor use it before the upgrade"
dump "$OLD" >"$TEST_TMP/after-user.dump"
unchanged "$TEST_TMP/after-dry.dump" "$TEST_TMP/after-user.dump" "nothing changed"
psql_as_me "$OLD" -c "REVOKE \"leadadmin_user@old\" FROM bob"

# ---- the upgrade
audits=$(sql "$OLD" "SELECT count(*) + 1 FROM audit")
la --db "$OLD" upgrade
is "$RC" 0 "upgrade exits 0"
[ "$RC" -eq 0 ] || printf '%s\n' "$ERR" | sed 's/^/# /'
like "$OUT" "Upgraded $OLD:" "it says it upgraded"
like "$OUT" "Schema version 11 to 13." "from which version to which"
is "$(ver "$OLD")" 13 "the database has schema version 13"
is "$(sql "$OLD" "SELECT count(*) FROM audit")" "$audits" "the change log has one row more"
is "$(sql "$OLD" "SELECT concat_ws(' ', login, list, action, new_value) FROM audit ORDER BY audit_id DESC LIMIT 1")" \
	"$ME schema upgrade version 13" "of the upgrade: who, and to which version"
is "$(sql "$OLD" "SELECT string_agg(format('%s/%s/%s/%s:%s/%s', dim, kind, item, value, contacts, companies), ' ' ORDER BY dim, kind, item, value) FROM lead_tally")" \
	"$tallies_before" "the kept counts are as they were"
la --db "$OLD" setup-check --deep
is "$RC" 0 "setup-check --deep passes (the kept counts are right)"

la --db "$FRESH" init --language en
is "$RC" 0 "init makes a new database"
is "$(ver "$FRESH")" 13 "of schema version 13"
dump "$OLD" --schema-only >"$TEST_TMP/old-schema.dump"
dump "$FRESH" --schema-only >"$TEST_TMP/fresh-schema.dump"
is "$(diff "$TEST_TMP/fresh-schema.dump" "$TEST_TMP/old-schema.dump" | head -40)" "" \
	"the upgraded schema is the new database's (pg_dump --schema-only)"
[ "$(grep -c 'CREATE TRIGGER' "$TEST_TMP/fresh-schema.dump")" -gt 50 ]
ok $? "(and the dump has the triggers)"

# ---- in use after the upgrade
la --db "$OLD" licence enable marketing-premium
la --db "$OLD" marketing set --utm on --form-category Lead
is "$RC" 0 "UTM transfer on, new companies in Lead"
i=0
while [ $i -lt 12 ]; do
	printf '{"id": "s%d", "email": "p%d@example.org", "firstname": "F", "lastname": "L%d", "company": "Co %d", "url": "https://www.example.com/?utm_source=src%d&utm_campaign=c%d", "submitted": "2026-03-02T09:00:00Z"}\n' \
		$i $((i % 9)) $i $((i % 4)) $((i % 3)) $((i % 2))
	i=$((i + 1))
done >"$TEST_TMP/forms.jsonl"
la --db "$OLD" submit "$TEST_TMP/forms.jsonl"
is "$RC" 0 "submit of twelve lines on the upgraded database"
la --db "$OLD" setup-check --deep
is "$RC" 0 "setup-check --deep passes after it"
[ "$RC" -eq 0 ] || printf '%s\n' "$OUT" | sed 's/^/# /'
# A statement of several rows, on both databases alike.
for d in "$OLD" "$FRESH"; do
	psql_as_me "$d" -1 -c "
		INSERT INTO contact (name, la_name_key, category_idx) VALUES ('Multi', 'multi', 1), ('Multi 2', 'multi 2', 2);
		INSERT INTO person (contact_id, lastname, leadstatus_id) SELECT contact_id, 'M' || n, 1
			FROM contact, generate_series(1, 3) n WHERE name LIKE 'Multi%';"
done
la --db "$OLD" setup-check --deep
is "$RC" 0 "and after a statement of several new companies and contacts"

# ---- nothing more to do; a newer version
la --db "$OLD" upgrade
is "$RC:$OUT" "0:$OLD is up to date (schema version 13); nothing was changed." \
	"a second upgrade has nothing to do"
la --db "$FRESH" upgrade
is "$RC:$OUT" "0:$FRESH is up to date (schema version 13); nothing was changed." \
	"nor has an upgrade of a new database"
psql_as_me "$OLD" -c "UPDATE setting SET value = '14' WHERE key = 'schema.version'"
dump "$OLD" >"$TEST_TMP/newer.dump"
la --db "$OLD" upgrade
is "$RC" 3 "a database of a newer version is refused (exit 3)"
is "$ERR" "leadadmin: $OLD: was made by a newer leadadmin (schema version 14; this program knows up to 13); it was left untouched" \
	"saying so"
la --db "$OLD" category list
is "$RC" 3 "by every command"
dump "$OLD" >"$TEST_TMP/newer-after.dump"
unchanged "$TEST_TMP/newer.dump" "$TEST_TMP/newer-after.dump" "and left untouched"

# ---- two upgrades at once: one upgrades, the other then finds it done
psql_as_me "$OLD" -c "UPDATE setting SET value = '11' WHERE key = 'schema.version'"
"$LEADADMIN_BIN" --db "$OLD" upgrade >"$TEST_TMP/u1" 2>&1 &
p1=$!
"$LEADADMIN_BIN" --db "$OLD" upgrade >"$TEST_TMP/u2" 2>&1
r2=$?
wait $p1
r1=$?
is "$r1 $r2" "0 0" "two upgrades at once both exit 0"
[ "$r1$r2" = 00 ] || sed 's/^/# /' "$TEST_TMP/u1" "$TEST_TMP/u2"
is "$(cat "$TEST_TMP/u1" "$TEST_TMP/u2" | grep -c '^Upgraded ')" 1 "one of them upgrades"
is "$(cat "$TEST_TMP/u1" "$TEST_TMP/u2" | grep -c 'is up to date')" 1 "the other finds it done"
dump "$OLD" --schema-only >"$TEST_TMP/again-schema.dump"
unchanged "$TEST_TMP/fresh-schema.dump" "$TEST_TMP/again-schema.dump" "the migration runs again on an upgraded database with the same schema as a result"

pg_stop
finish

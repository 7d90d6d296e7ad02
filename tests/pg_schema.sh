#!/bin/sh
# The PostgreSQL schema (data/pg/schema.sql) against the SQLite one, on a
# real PostgreSQL server that the test starts (tests/pglib.sh):
#   - it loads into an empty database with psql, stopping at any error;
#   - the same tables, each with the same columns, as a database made by
#     `leadadmin init`, the same NOT NULLs, and every SQLite index by name;
#   - every SQLite trigger is made or named in the file's header;
#   - the constraints refuse what SQLite refuses (rules 1 and 8, the
#     CHECKs, the foreign keys), and rules 2 and 8 hold where SQLite leaves
#     them to the program; valid rows are accepted;
#   - the same changes of companies, contacts and first touches give the
#     same usage_count, lead_tally and lead_company on both engines: a
#     written sequence, then a random one (LEADADMIN_PG_SEED, 14 unless
#     set);
#   - after pg_stop no process of the server, no folder and no user is left.
# Skips when PostgreSQL (15 or later) is not installed; LEADADMIN_PG_BINDIR
# names the folder of its programs.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
# shellcheck source=tests/pglib.sh
. "$top_srcdir/tests/pglib.sh"
need_sqlite3
SCHEMA=$top_srcdir/data/pg/schema.sql

pg_start leadadmin

# The test's login reaches the server through PG_URL by itself.
is "$("$PG_BINDIR/psql" -X -tA -d "$PG_URL" -c "SELECT current_user || ' ' || current_database()")" \
	"$(id -un) leadadmin" "the test's login connects with PG_URL"

la --db "$DB" init
is "$RC" 0 "leadadmin init makes the SQLite database"

# pq QUERY: one query on PostgreSQL, unaligned, no headers.
pq() {
	pg_psql -tA -c "$1"
}

pg_psql -1 <"$SCHEMA" >"$TEST_TMP/load" 2>&1
rc=$?
is "$rc" 0 "data/pg/schema.sql loads with ON_ERROR_STOP=1 in one transaction"
[ "$rc" -eq 0 ] || sed 's/^/# /' "$TEST_TMP/load"
is "$(cat "$TEST_TMP/load")" "" "and prints nothing"

# ---- tables and columns
TABLES="SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
lite=$(sql "$TABLES" | LC_ALL=C sort)
pg=$(pq "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
	AND table_type = 'BASE TABLE'" | LC_ALL=C sort)
is "$pg" "$lite" "the same tables"
n=$(echo "$lite" | wc -l)
[ "$n" -ge 20 ]
ok $? "($n of them)"

lite=$(sql "SELECT t.name || '.' || lower(c.name) FROM sqlite_master t, pragma_table_info(t.name) c
	WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%'" | LC_ALL=C sort)
pg=$(pq "SELECT table_name || '.' || column_name FROM information_schema.columns
	WHERE table_schema = 'public'" | LC_ALL=C sort)
is "$pg" "$lite" "each table has the same columns (updatedCount folds to updatedcount)"

# NOT NULL where SQLite has it; primary keys are NOT NULL on PostgreSQL.
lite=$(sql "SELECT t.name || '.' || lower(c.name) || ' ' || c.\"notnull\"
	FROM sqlite_master t, pragma_table_info(t.name) c
	WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND c.pk = 0" | LC_ALL=C sort)
pg=$(pq "SELECT c.table_name || '.' || c.column_name || ' ' || CASE c.is_nullable WHEN 'NO' THEN 1 ELSE 0 END
	FROM information_schema.columns c WHERE c.table_schema = 'public'
	AND NOT EXISTS (SELECT 1 FROM information_schema.key_column_usage k
		JOIN information_schema.table_constraints tc USING (constraint_schema, constraint_name)
		WHERE tc.constraint_type = 'PRIMARY KEY' AND k.table_schema = 'public'
		AND k.table_name = c.table_name AND k.column_name = c.column_name)" | LC_ALL=C sort)
is "$pg" "$lite" "the same columns are NOT NULL"

lite=$(sql "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'" | LC_ALL=C sort)
pg=$(pq "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'" | LC_ALL=C sort)
missing=$(echo "$lite" | while read -r i; do
	echo "$pg" | grep -qx "$i" || echo "$i"
done)
is "$missing" "" "every SQLite index is there by name ($(echo "$lite" | wc -l))"
is "$(pq "SELECT count(*) FROM pg_indexes WHERE indexname IN ('category_name_key', 'leadstatus_name_key',
	'usergroup_name_key', 'heading_name_key') AND indexdef LIKE 'CREATE UNIQUE INDEX%'")" 4 \
	"the name keys of the four lists are unique (rule 2)"
is "$(pq "SELECT indexdef FROM pg_indexes WHERE indexname = 'leadstatus_one_default'")" \
	"CREATE UNIQUE INDEX leadstatus_one_default ON public.leadstatus USING btree (is_default) WHERE ((is_default = 1) AND (deleted = 0))" \
	"one active default: the partial unique index (rule 8)"

# ---- triggers: made, or named in the header with what became of them
header=$(sed -n '/^[^-]/q;p' "$SCHEMA")
pgtrig=$(pq "SELECT DISTINCT tgname FROM pg_trigger WHERE NOT tgisinternal")
missing=$(sql "SELECT name FROM sqlite_master WHERE type = 'trigger'" | while read -r t; do
	echo "$pgtrig" | grep -qx "$t" || echo "$header" | grep -qw "$t" || echo "$t"
done)
is "$missing" "" "every SQLite trigger is made or accounted for in the header"

# ---- constraints
# Both engines start from the rows `leadadmin init` made.
sql "SELECT printf('INSERT INTO associate (associate_id, name, full_name, role) VALUES (%d, %Q, %Q, %d);',
	associate_id, name, full_name, role) FROM associate;
SELECT printf('INSERT INTO category (category_id, name, rank, tooltip, category_group, enable_lead_status,
	la_name_key) VALUES (%d, %Q, %d, %Q, %d, %d, %Q);', category_id, name, rank, tooltip, category_group,
	enable_lead_status, la_name_key) FROM category;
SELECT printf('INSERT INTO leadstatus (leadstatus_id, name, rank, tooltip, is_default, la_name_key)
	VALUES (%d, %Q, %d, %Q, %d, %Q);', leadstatus_id, name, rank, tooltip, is_default, la_name_key)
	FROM leadstatus;" >"$TEST_TMP/seed.sql"
pg_psql -1 <"$TEST_TMP/seed.sql" >/dev/null 2>"$TEST_TMP/err"
is "$?" 0 "the rows of a new database fit the constraints"
# Rows with their own ids leave the identity behind, as a copy does.
for t in associate category leadstatus; do
	pq "SELECT setval(pg_get_serial_sequence('$t', '${t}_id'), (SELECT max(${t}_id) FROM $t))" >/dev/null
done
is "$(pq "SELECT count(*) FROM category") $(pq "SELECT count(*) FROM leadstatus")" \
	"$(sql "SELECT count(*) FROM category") $(sql "SELECT count(*) FROM leadstatus")" "(all of them)"

# lite_try SQL / pg_try SQL: the statement's exit status on each engine;
# the PostgreSQL error, with its fields (CONSTRAINT NAME: ...), in $PGERR.
lite_try() {
	"$SQLITE3" -batch "$DB" "PRAGMA foreign_keys = ON; $1" >/dev/null 2>&1
}
pg_try() {
	PGERR=$(pg_psql -v VERBOSITY=verbose -c "$1" 2>&1 >/dev/null)
}
# refused NAME WHY SQL [both|pg]: the INSERT or UPDATE fails on
# PostgreSQL with an error that contains WHY (the constraint's name), and
# on SQLite too unless the rule is the program's there.
refused() {
	if [ "${4:-both}" = both ]; then
		lite_try "$3"
		[ $? -ne 0 ]
		ok $? "SQLite refuses $1"
	fi
	pg_try "$3"
	[ $? -ne 0 ]
	ok $? "PostgreSQL refuses $1"
	like "$PGERR" "$2" "  by $2"
}
accepted() {
	lite_try "$2"
	ok $? "SQLite accepts $1"
	pg_try "$2"
	ok $? "PostgreSQL accepts $1"
	[ -z "$PGERR" ] || echo "#   $PGERR" | head -n 3
}

refused "lead status on in group Customer (rule 1)" 'category_lead_status_group' \
	"INSERT INTO category (name, la_name_key, category_group, enable_lead_status) VALUES ('X1', 'x1', 1, 1)"
refused "a lead category moved out of Potential customer with lead status on (rule 1)" 'category_lead_status_group' \
	"UPDATE category SET category_group = 3 WHERE category_id = 1"
refused "category group 6" 'category_category_group_check' \
	"INSERT INTO category (name, la_name_key, category_group) VALUES ('X2', 'x2', 6)"
refused "deleted = 2" 'category_deleted_check' \
	"INSERT INTO category (name, la_name_key, deleted) VALUES ('X3', 'x3', 2)"
refused "a category without a name" '"name" of relation "category" violates not-null' \
	"INSERT INTO category (name, la_name_key) VALUES (NULL, 'x4')"
refused "a second name with the key of Lead (rule 2)" 'unique constraint "category_name_key"' \
	"INSERT INTO category (name, la_name_key, category_group) VALUES ('LEAD', 'lead', 2)" pg
refused "a second lead status named open (rule 2)" 'unique constraint "leadstatus_name_key"' \
	"INSERT INTO leadstatus (name, la_name_key) VALUES ('open', 'open')" pg
refused "a category without its name key at commit (rule 2)" 'category_name_key_filled' \
	"INSERT INTO category (name, category_group) VALUES ('X5', 2)" pg
refused "a company renamed without its new key at commit" 'contact_name_key_filled' \
	"BEGIN; INSERT INTO contact (contact_id, name, la_name_key) VALUES (99, 'Acme', 'acme'); COMMIT; UPDATE contact SET name = 'Acme Ltd' WHERE contact_id = 99" pg
pq "DELETE FROM contact WHERE contact_id = 99" >/dev/null
refused "a second active default status (rule 8)" 'leadstatus_one_default' \
	"INSERT INTO leadstatus (name, la_name_key, is_default) VALUES ('X6', 'x6', 1)"
refused "a deleted default status (rule 8)" 'leadstatus_default_active' \
	"UPDATE leadstatus SET deleted = 1 WHERE is_default = 1"
refused "a list of statuses without a default at commit (rule 8)" 'no active lead status is the default' \
	"UPDATE leadstatus SET is_default = 0" pg
refused "a contact with a lead status that does not exist" 'person_leadstatus_id_fkey' \
	"INSERT INTO person (lastname, leadstatus_id) VALUES ('X', 9999)"
refused "an enabled automation rule without a category" 'automated_category_update_category' \
	"UPDATE automated_category_update SET enabled = 1 WHERE trigger_type = 1"
refused "a status on a rule other than the lead-status one" 'automated_category_update_status_only' \
	"UPDATE automated_category_update SET leadstatus_id = 1 WHERE trigger_type = 2"
refused "a submission of an unknown kind" 'form_submission_kind_check' \
	"INSERT INTO form_submission (submission_key, email_address, kind, submitted) VALUES ('k1', 'a@b', 'other', '2026-01-01')"
refused "a UTM alias that names itself" 'utm_alias_check' \
	"INSERT INTO utm_alias (field, value, canonical) VALUES ('source', 'g', 'g')"
refused "a role of 3" 'associate_role_check' \
	"INSERT INTO associate (name, role) VALUES ('x', 3)"

accepted "a new lead category" \
	"INSERT INTO category (category_id, name, la_name_key, category_group, enable_lead_status) VALUES (50, 'Trade fair', 'trade fair', 2, 1)"
accepted "another default, the old one unset in the same transaction (rule 8)" \
	"BEGIN; UPDATE leadstatus SET is_default = 0 WHERE is_default = 1; UPDATE leadstatus SET is_default = 1 WHERE leadstatus_id = 2; COMMIT"
accepted "the old default deleted once it is not the default" \
	"UPDATE leadstatus SET deleted = 1 WHERE leadstatus_id = 1"
is "$(pq "SELECT leadstatus_id FROM leadstatus WHERE is_default = 1")" \
	"$(sql "SELECT leadstatus_id FROM leadstatus WHERE is_default = 1")" "both have the same default"
accepted "a key filled later in the transaction, as after the seeds" \
	"BEGIN; INSERT INTO category (category_id, name, category_group) VALUES (51, 'Fair', 1); UPDATE category SET la_name_key = 'fair' WHERE la_name_key IS NULL; COMMIT"
accepted "a case-only rename that fills its key again" \
	"BEGIN; UPDATE category SET name = 'FAIR', la_name_key = 'fair' WHERE category_id = 51; UPDATE category SET la_name_key = 'fair' WHERE category_id = 51 AND la_name_key IS NULL; COMMIT"
is "$(pq "SELECT name, la_name_key FROM category WHERE category_id = 51")" "FAIR|fair" "(its key is there)"
accepted "a renamed category with its new key" \
	"UPDATE category SET name = 'Trade show', la_name_key = 'trade show' WHERE category_id = 50"
accepted "an enabled rule with a category" \
	"UPDATE automated_category_update SET enabled = 1, default_category = 50 WHERE trigger_type = 1"

# The times of rows are text in UTC, as SQLite's strftime makes them,
# whatever the session's time zone.
at=$(PGTZ=Pacific/Auckland pq "INSERT INTO audit (login, list, action) VALUES ('t', 'probe', 'probe') RETURNING at")
case $at in
[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]\ [0-2][0-9]:[0-5][0-9]:[0-5][0-9]) ok 0 "a default time looks like SQLite's ($at)" ;;
*) ok 1 "a default time looks like SQLite's ($at)" ;;
esac
d=$(( $(date -u +%s) - $(date -u -d "$at" +%s 2>/dev/null || echo 0) ))
[ "$d" -ge -5 ] && [ "$d" -le 60 ]
ok $? "and is now in UTC (${d}s ago)"

# ---- the counts kept by triggers, on both engines
cat >"$TEST_TMP/moves.sql" <<'SQL'
INSERT INTO associate (associate_id, name) VALUES (101, 'x1'), (102, 'x2');
INSERT INTO category (category_id, name, la_name_key, category_group, enable_lead_status)
	VALUES (101, 'T lead', 't lead', 2, 1), (102, 'T customer', 't customer', 1, 0);
INSERT INTO contact (contact_id, name, la_name_key, category_idx)
	VALUES (101, 'A', 'a', 101), (102, 'B', 'b', 102), (103, 'C', 'c', NULL);
INSERT INTO person (person_id, contact_id, leadstatus_id, associate_id) VALUES
	(101, 101, 2, 101), (102, 101, 3, NULL), (103, 102, 2, 102), (104, 103, NULL, NULL),
	(105, NULL, 3, 101), (106, 103, 4, NULL);
INSERT INTO utm_parameters (utm_parameters_id, created_person_id, firsttouch_source, firsttouch_campaign)
	VALUES (101, 101, 'g', 'c'), (102, 101, 'x', 'y'), (103, 104, 'z', 'w'), (104, 105, NULL, 'k');
UPDATE person SET leadstatus_id = 3 WHERE person_id = 101;
UPDATE person SET leadstatus_id = 2 WHERE person_id = 104;
UPDATE person SET associate_id = 102 WHERE person_id IN (101, 102);
UPDATE person SET contact_id = 102 WHERE person_id = 102;
UPDATE contact SET category_idx = 102 WHERE contact_id = 101;
UPDATE contact SET category_idx = NULL WHERE contact_id = 102;
DELETE FROM utm_parameters WHERE utm_parameters_id = 101;
UPDATE utm_parameters SET firsttouch_source = 'q' WHERE utm_parameters_id = 102;
UPDATE utm_parameters SET created_person_id = 102 WHERE utm_parameters_id = 103;
INSERT INTO utm_parameters (utm_parameters_id, created_person_id, firsttouch_source) VALUES (100, 102, 'early');
INSERT INTO utm_parameters (utm_parameters_id, created_person_id, firsttouch_source, firsttouch_campaign)
	VALUES (111, 101, 'm1', 'n1'), (112, 101, 'm2', 'n2'), (113, 103, 'm3', NULL);
UPDATE utm_parameters SET utm_parameters_id = utm_parameters_id + 1000 WHERE created_person_id = 101;
DELETE FROM utm_parameters WHERE created_person_id = 101 AND utm_parameters_id < 1112;
UPDATE person SET leadstatus_id = NULL WHERE person_id = 103;
UPDATE person SET contact_id = NULL WHERE contact_id = 103;
DELETE FROM contact WHERE contact_id = 103;
UPDATE person SET contact_id = 101 WHERE person_id = 105;
DELETE FROM utm_parameters WHERE created_person_id = 105;
DELETE FROM person WHERE person_id = 105;
UPDATE person SET leadstatus_id = 4, contact_id = 101 WHERE person_id IN (103, 104);
SQL
lite_try "$(cat "$TEST_TMP/moves.sql")"
ok $? "SQLite takes the moves"
pg_psql -1 <"$TEST_TMP/moves.sql" >/dev/null 2>"$TEST_TMP/err"
ok $? "PostgreSQL takes the moves"
sed 's/^/#   /' "$TEST_TMP/err"
for q in "SELECT list, item_id, companies, contacts FROM usage_count WHERE companies <> 0 OR contacts <> 0" \
	"SELECT dim, kind, item, value, contacts, companies FROM lead_tally WHERE contacts <> 0 OR companies <> 0" \
	"SELECT contact_id, leads FROM lead_company WHERE leads <> 0"; do
	t=$(echo "$q" | sed 's/.* FROM \([a-z_]*\).*/\1/')
	lite=$(sql "$q" | LC_ALL=C sort)
	is "$(pq "$q" | LC_ALL=C sort)" "$lite" "$t: the same counts on both ($(echo "$lite" | wc -l) rows)"
done
is "$(pq "SELECT contacts FROM lead_tally WHERE dim = 3 AND value = 'm2'")" 1 \
	"a first touch moved by a statement of several rows counts once"

# The same counts after a random run of moves (LEADADMIN_PG_SEED picks
# another run): persons, companies and first touches come and go, one row
# and several rows a statement.
seed=${LEADADMIN_PG_SEED:-14}
awk -v seed="$seed" -v n=300 '
function pick(list,   a, k) { k = split(list, a, " "); return a[int(rand() * k) + 1] }
function q(v) { return v == "NULL" ? v : "'"'"'" v "'"'"'" }
function person() { return 301 + int(rand() * np) }
BEGIN {
	srand(seed)
	for (c = 201; c <= 208; c++)
		printf "INSERT INTO contact (contact_id, name, la_name_key, category_idx) VALUES (%d, '"'"'K%d'"'"', '"'"'k%d'"'"', %s);\n", c, c, c, pick("NULL 1 2 3 101 102 50")
	np = 0; nu = 0
	for (i = 0; i < n; i++) {
		r = rand()
		p = person()
		if (r < 0.2 || np < 5) {
			np++
			printf "INSERT INTO person (person_id, contact_id, leadstatus_id, associate_id) VALUES (%d, %s, %s, %s);\n",
				300 + np, pick("NULL 201 202 203 204 205 206 207 208"), pick("NULL NULL 1 2 3 4 5"), pick("NULL 1 101 102")
		} else if (r < 0.3) {
			printf "UPDATE person SET leadstatus_id = %s WHERE person_id = %d;\n", pick("NULL 2 3 4 5"), p
		} else if (r < 0.35) {
			printf "UPDATE person SET leadstatus_id = %s WHERE person_id %% 3 = %d;\n", pick("NULL 2 3 4"), int(rand() * 3)
		} else if (r < 0.42) {
			printf "UPDATE person SET contact_id = %s WHERE person_id = %d;\n", pick("NULL 201 202 203 204 205 206 207 208"), p
		} else if (r < 0.47) {
			printf "UPDATE person SET associate_id = %s, contact_id = %s WHERE person_id IN (%d, %d);\n",
				pick("NULL 1 101 102"), pick("NULL 201 203 205 207"), p, person()
		} else if (r < 0.52) {
			printf "UPDATE person SET leadstatus_id = %s, contact_id = %s, associate_id = %s WHERE person_id = %d;\n",
				pick("NULL 2 3"), pick("NULL 202 204"), pick("NULL 101"), p
		} else if (r < 0.56) {
			printf "DELETE FROM utm_parameters WHERE created_person_id = %d;\nDELETE FROM person WHERE person_id = %d;\n", p, p
		} else if (r < 0.58) {
			printf "UPDATE person SET person_id = person_id + 1000 WHERE person_id = %d AND NOT EXISTS (SELECT 1 FROM utm_parameters WHERE created_person_id = %d);\n", p, p
		} else if (r < 0.64) {
			printf "UPDATE contact SET category_idx = %s WHERE contact_id = %d;\n", pick("NULL 1 2 3 4 50 101 102"), 201 + int(rand() * 8)
		} else if (r < 0.66) {
			printf "UPDATE contact SET category_idx = %s WHERE contact_id %% 2 = %d;\n", pick("NULL 1 101"), int(rand() * 2)
		} else if (r < 0.69) {
			c = 201 + int(rand() * 8)
			# A company goes, its contacts without one, and comes back
			# with them, maybe in another category.
			printf "CREATE TEMPORARY TABLE moved AS SELECT person_id FROM person WHERE contact_id = %d;\n", c
			printf "UPDATE person SET contact_id = NULL WHERE contact_id = %d;\nDELETE FROM contact WHERE contact_id = %d;\n", c, c
			printf "INSERT INTO contact (contact_id, name, la_name_key, category_idx) VALUES (%d, '"'"'K%d'"'"', '"'"'k%d'"'"', %s);\n", c, c, c, pick("NULL 1 102")
			printf "UPDATE person SET contact_id = %d WHERE person_id IN (SELECT person_id FROM moved);\nDROP TABLE moved;\n", c
		} else if (r < 0.84) {
			nu++
			id = rand() < 0.3 ? 5000 - nu : 5000 + nu
			printf "INSERT INTO utm_parameters (utm_parameters_id, created_person_id, firsttouch_source, firsttouch_campaign) SELECT %d, %d, %s, %s WHERE EXISTS (SELECT 1 FROM person WHERE person_id = %d);\n",
				id, p, q(pick("NULL g b l")), q(pick("NULL c1 c2")), p
		} else if (r < 0.9) {
			printf "UPDATE utm_parameters SET firsttouch_source = %s WHERE created_person_id = %d;\n", q(pick("NULL g b x")), p
		} else if (r < 0.94) {
			t = person()
			printf "UPDATE utm_parameters SET created_person_id = %d WHERE created_person_id = %d AND EXISTS (SELECT 1 FROM person WHERE person_id = %d);\n", t, p, t
		} else if (r < 0.97) {
			printf "UPDATE utm_parameters SET utm_parameters_id = 20000 - utm_parameters_id WHERE created_person_id = %d;\n", p
		} else {
			printf "DELETE FROM utm_parameters WHERE created_person_id IN (%d, %d) AND utm_parameters_id %% 2 = %d;\n", p, person(), int(rand() * 2)
		}
	}
}' >"$TEST_TMP/random.sql"
lite_try "$(cat "$TEST_TMP/random.sql")"
ok $? "SQLite takes $(wc -l <"$TEST_TMP/random.sql") random moves (seed $seed)"
pg_psql -1 <"$TEST_TMP/random.sql" >/dev/null 2>"$TEST_TMP/err"
ok $? "PostgreSQL takes them"
sed 's/^/#   /' "$TEST_TMP/err"
for q in "SELECT list, item_id, companies, contacts FROM usage_count WHERE companies <> 0 OR contacts <> 0" \
	"SELECT dim, kind, item, value, contacts, companies FROM lead_tally WHERE contacts <> 0 OR companies <> 0" \
	"SELECT contact_id, leads FROM lead_company WHERE leads <> 0" \
	"SELECT person_id, contact_id, leadstatus_id, associate_id FROM person"; do
	t=$(echo "$q" | sed 's/.* FROM \([a-z_]*\).*/\1/')
	lite=$(sql "$q" | LC_ALL=C sort)
	is "$(pq "$q" | LC_ALL=C sort)" "$lite" "$t: the same on both after them ($(echo "$lite" | wc -l) rows)"
done

# ---- stopping
pid=$PG_PID
dir=$PG_DIR
user=$PG_USER
pg_stop
alive=$(ps -o stat= -p "$pid" 2>/dev/null | grep -v Z)
is "$alive" "" "after pg_stop the server's process is gone"
is "$(ps -eo args | grep -F -- "$dir" | grep -v grep)" "" "no process of the server is left"
[ ! -e "$dir" ]
ok $? "its folder is gone"
if [ "$(id -u)" -eq 0 ]; then
	id "$user" >/dev/null 2>&1
	[ $? -ne 0 ]
	ok $? "its temporary user is gone"
fi
pg_stop
ok $? "pg_stop again does nothing"

finish

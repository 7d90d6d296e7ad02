#!/bin/sh
# The same commands on both engines: each step runs on a SQLite database
# and on a PostgreSQL one (a real server that the test starts,
# tests/pglib.sh), both made by `leadadmin init`, and must give the same
# exit code, the same output and the same message (the PostgreSQL URL
# read as the SQLite path, every time of day as T). What is not built on
# PostgreSQL yet is not in the list; the README says which.
# Skips when PostgreSQL (15 or later) is not installed.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
# shellcheck source=tests/pglib.sh
. "$top_srcdir/tests/pglib.sh"
# shellcheck source=tests/copylib.sh
. "$top_srcdir/tests/copylib.sh"

pg_start leadadmin

# shown TEXT: TEXT with the PostgreSQL URL as the SQLite path, and every
# time of day as T.
shown() {
	printf '%s\n' "$1" | sed -e "s|$PG_URL|$DB|g" \
		-e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]/T/g'
}

# both ARGS...: the command on each engine; one check that both agree.
both() {
	la --db "$DB" "$@"
	lite_rc=$RC lite_out=$(shown "$OUT") lite_err=$(shown "$ERR")
	la --db "$PG_URL" "$@"
	pg_rc=$RC pg_out=$(shown "$OUT") pg_err=$(shown "$ERR")
	if [ "$pg_rc" = "$lite_rc" ] && [ "$pg_out" = "$lite_out" ] && [ "$pg_err" = "$lite_err" ]; then
		ok 0 "$* (exit $lite_rc)"
	else
		ok 1 "$*"
		printf '# SQLite, exit %s:\n%s\n%s\n# PostgreSQL, exit %s:\n%s\n%s\n' \
			"$lite_rc" "$lite_out" "$lite_err" "$pg_rc" "$pg_out" "$pg_err" |
			sed 's/^\([^#]\)/#   \1/' | head -40
	fi
}

both init
both init
both category list
both lead-status list
both heading list
both usergroup list
both user list
both licence list
both marketing show
both automation show

# The lists: rules 1-3 and 8 say the same on both engines.
both category add Prospect --description "Met at a fair"
both category add PROSPECT
both category add "  prospect  "
both category add Straße --group partner
both category add STRASSE
both category add Partner --group partner --lead-status
both category add Reseller --name-en Reseller --name-de Wiederverkäufer
both category add Wiederverkäufer
both category edit Prospect --name "Prospects" --description "Fairs"
both category edit prospects --name PROSPECTS
both category edit Reseller --name-de Händler
both category delete Straße --yes
both category add straße
both category restore Straße
both category move PROSPECTS up
both category move id:1 down
both category visible-for Lead all
both category list --deleted
both category list --format tsv
both lead-status add Waiting --description "On hold"
both lead-status add waiting
both lead-status default Waiting
both lead-status edit Open --name Neu
both lead-status delete Waiting
both lead-status delete Contacting --yes
both lead-status list --deleted
both heading add Regions
both heading list
both usergroup add Sales
both usergroup add sales
both usergroup list
# On PostgreSQL a user's login has a role on the server (pg_rights.sh).
pg_psql -c 'CREATE ROLE alice LOGIN' -c 'CREATE ROLE "anna.berg" LOGIN'
both user add alice --role list-admin
both user list
both licence enable marketing-premium
both licence list
both export
both log --list category
both log --list leadstatus
both setup-check
both setup-check --deep
both recount
both leads
both leads --status Neu
both category list --filter str
both lead-status list --filter NEU

# A demo database on each engine: companies, contacts and leads, then web
# forms with Marketing Premium (UTM data, Distribute to owner).
pg_psql -c "CREATE DATABASE demo OWNER \"$(id -un)\""
DB=$TEST_TMP/demo.db
PG_URL=$(printf '%s' "$PG_URL" | sed 's|:///leadadmin?|:///demo?|')
both init --demo
both leads
both leads --status Open
both leads --status Qualified --format tsv
both category list
both user list
both export
both setup-check --deep
both licence enable marketing-premium
both marketing set --utm on --form-category Lead --distribute associates --associates anna.berg,paul.roth
FORMS=$TEST_TMP/forms.jsonl
cat >"$FORMS" <<'EOF'
{"id": "web-1", "email": "lena.fischer@example.org", "firstname": "Lena", "lastname": "Fischer", "company": "Alpha Solar GmbH", "url": "https://www.example.com/kontakt?utm_source=google&utm_medium=cpc&utm_campaign=fruehjahr", "submitted": "2026-03-02T09:15:00+01:00"}
{"id": "web-2", "email": "tom.weber@example.org", "firstname": "Tom", "lastname": "Weber", "company": "Müller Technik AG", "url": "https://www.example.com/kontakt?utm_source=newsletter&utm_campaign=messe", "submitted": "2026-03-02T10:00:00Z"}
{"id": "web-3", "email": "sara.klein@example.org", "firstname": "Sara", "lastname": "Klein", "company": "MÜLLER TECHNIK AG", "url": "https://www.example.com/kontakt?UTM_SOURCE=linkedin&utm_campaign=webinar", "submitted": "2026-03-02T11:00:00Z"}
{"id": "web-1", "email": "lena.fischer@example.org", "firstname": "Lena", "lastname": "Fischer", "company": "Alpha Solar GmbH", "submitted": "2026-03-02T09:15:00+01:00"}
{"id": "web-4", "email": "bad", "firstname": "No", "lastname": "Mail"}
EOF
both marketing simulate "$FORMS"
both submit "$FORMS"
both submit "$FORMS"
both leads
both leads --status Open
both utm values
both lead set-status tom.weber@example.org Qualified
both leads --status Qualified
both recount
both setup-check --deep
both log --list marketing
both utm alias linkedin --to LinkedIn
both utm alias list
both automation set sale-sold --category Opportunity
both automation set lead-status --category "Marketing qualified lead (MQL)" --status Qualified
both automation show
EVENTS=$TEST_TMP/events.jsonl
cat >"$EVENTS" <<'EOF'
{"id": "ev-1", "sale": 1, "company": "Alpha Solar GmbH", "event": "sold", "when": "2026-03-03T10:00:00Z"}
{"id": "ev-2", "sale": 2, "company": 5, "event": "sold", "when": "2026-03-03T11:00:00Z"}
{"id": "ev-1", "sale": 1, "company": "Alpha Solar GmbH", "event": "sold", "when": "2026-03-03T10:00:00Z"}
{"id": "ev-3", "sale": 3, "company": "Nobody Ltd", "event": "lost", "when": "2026-03-03T12:00:00Z"}
EOF
both events "$EVENTS"
both lead set-status sara.klein@example.org Qualified --yes
both leads
both usergroup add Nord
both category grouping on
both category visible-for Lead Nord
both category list --as-group Nord
both heading add Region
both category headings Lead Region
both heading list
both user set-role anna.berg general-admin
both user list

# An export of one engine imported into the other's kind of list.
la --db "$DB" export "$TEST_TMP/lists.json"
both category add Extra
both import "$TEST_TMP/lists.json" --dry-run
both import "$TEST_TMP/lists.json" --yes --replace
both export
both recount
both setup-check --deep

# What differs: a PostgreSQL database is backed up by the server's tools.
la --db "$PG_URL" backup "$TEST_TMP/copy.db"
is "$RC" 1 "backup of a PostgreSQL database is refused (exit 1)"
like "$ERR" "pg_dump" "the message names the server's tool"
ok "$([ ! -e "$TEST_TMP/copy.db" ]; echo $?)" "and no file is written"

# ------------------------------------------------------------------ copy
# A SQLite database with something in every table, copied to an empty
# PostgreSQL database and back, shows the same everywhere.
SRC=$TEST_TMP/source.db
# tables_of DB: how many tables the server's database DB has.
tables_of() {
	pg_psql -d "$1" -At -c "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
}
copy_fill "$SRC"
ok $? "a SQLite database with something in every table"
pg_psql -c "CREATE DATABASE copied OWNER \"$(id -un)\"" -c "CREATE DATABASE failed OWNER \"$(id -un)\""
COPY_URL=$(printf '%s' "$PG_URL" | sed 's|:///demo?|:///copied?|')
la --db "$SRC" copy --to "$COPY_URL"
is "$RC" 0 "copy --to a PostgreSQL database succeeds"
like "$OUT" "Copied $SRC to $COPY_URL: " "and says what it copied where"
like "$ERR" "no role for the login jonas.kraft," "a user without a login on the server is named"
like "$ERR" "createuser -- jonas.kraft, then: leadadmin --db '$COPY_URL' user set-role jonas.kraft user" \
	"with the commands that let it in"
unlike "$ERR" "login anna.berg" "a user with a login on the server is not"
unlike "$ERR" "login paul.roth" "nor an inactive user"
same_views "$SRC" "$COPY_URL" "the PostgreSQL copy shows what the SQLite source shows"
is "$(pg_psql -d copied -At -c "SELECT pg_has_role('anna.berg', la_role('user'), 'MEMBER'),
	pg_has_role('anna.berg', la_role('lists'), 'MEMBER')" 2>&1)" \
	"t|f" "the server grants a User the database's user role, and nothing more"
is "$(pg_psql -d copied -At -c "SELECT pg_has_role('$(id -un)', la_role('general'), 'MEMBER')")" t \
	"and its General administrator the general role"
tables=$(tables_of copied)
rows=$(pg_psql -d copied -At -c "SELECT count(*) FROM person")
la --db "$SRC" copy --to "$COPY_URL"
is "$RC" 1 "a second copy to the same database is refused (exit 1)"
like "$ERR" "is not empty (it has tables); a copy goes only into an empty database" "and says why"
is "$(tables_of copied):$(pg_psql -d copied -At -c "SELECT count(*) FROM person")" \
	"$tables:$rows" "the target is unchanged"

# Two copies into one empty database at once: one makes it, the other
# finds it made and is refused.
pg_psql -c "CREATE DATABASE twice OWNER \"$(id -un)\""
TWICE_URL=$(printf '%s' "$PG_URL" | sed 's|:///demo?|:///twice?|')
"$LEADADMIN_BIN" --db "$SRC" copy --to "$TWICE_URL" >/dev/null 2>"$TEST_TMP/twice1" &
p1=$!
"$LEADADMIN_BIN" --db "$SRC" copy --to "$TWICE_URL" >/dev/null 2>"$TEST_TMP/twice2" &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
is "$(printf '%s\n' "$r1" "$r2" | sort | tr '\n' ' ')" "0 1 " "two copies at once into one database: one made it, the other was refused"
like "$(cat "$TEST_TMP/twice1" "$TEST_TMP/twice2")" "is not empty (it has tables)" "the refused one says why"
is "$(pg_psql -d twice -At -c "SELECT count(*) FROM person")" "$(sql "$SRC" "SELECT count(*) FROM person")" \
	"and the database holds one copy"

la --db "$TEST_TMP/back.db" copy --from "$COPY_URL"
is "$RC" 0 "copy --from the PostgreSQL database succeeds"
like "$OUT" "Copied $COPY_URL to $TEST_TMP/back.db: " "and says so"
same_views "$SRC" "$TEST_TMP/back.db" "the copy back shows what the source shows"
same_tables "$SRC" "$TEST_TMP/back.db" "and holds the same rows as the source, every column of every table"
is "$(sql "$TEST_TMP/back.db" "SELECT count(*) FROM setting WHERE key = 'schema.version'")" 0 \
	"SQLite gets no version setting (it keeps the version in the file)"

la --db "$COPY_URL" category add "After the copy"
is "$RC" 0 "the copy takes changes"
is "$(pg_psql -d copied -At -c "SELECT category_id FROM category WHERE name = 'After the copy'")" \
	"$(($(sql "$SRC" 'SELECT max(category_id) FROM category') + 1))" "a new item gets the next id"

# A row the server refuses (another program's person of a company that is
# not there) fails the copy, and the database stays empty.
cp "$SRC" "$TEST_TMP/bad.db"
sql "$TEST_TMP/bad.db" "PRAGMA foreign_keys = OFF; INSERT INTO person (person_id, contact_id) VALUES (9999, 424242)"
la --db "$TEST_TMP/bad.db" copy --to "$(printf '%s' "$PG_URL" | sed 's|:///demo?|:///failed?|')"
is "$RC" 3 "a row the server refuses fails the copy (exit 3)"
like "$ERR" "(person)" "and the message names the table"
is "$(tables_of failed)" 0 \
	"and the database has no table"
is "$(pg_psql -d failed -At -c "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'leadadmin\\_%@failed'")" 0 \
	"and the server no role of it"

# Two names that are one name by rule 2, which an upgrade of a SQLite
# database keeps side by side: the server's unique key would refuse them.
cp "$SRC" "$TEST_TMP/twins.db"
sql "$TEST_TMP/twins.db" "UPDATE category SET la_name_key = (SELECT la_name_key FROM category WHERE name = 'Customer') WHERE name = 'Partner'"
la --db "$TEST_TMP/twins.db" copy --to "$(printf '%s' "$PG_URL" | sed 's|:///demo?|:///failed?|')"
is "$RC" 1 "names that are one name are refused before a copy to the server (exit 1)"
like "$ERR" "the list category has names that are one name (Customer, Partner): rename one" "naming them"
is "$(tables_of failed)" 0 \
	"and nothing is made"
la --db "$TEST_TMP/twins.db" copy --to "$TEST_TMP/twins-copy.db"
is "$RC" 0 "a copy into a file keeps them, as the source does"

finish

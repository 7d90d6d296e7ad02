#!/bin/sh
# Rule 9 enforced by a PostgreSQL server (a real one that the test
# starts, tests/pglib.sh): `user add|set-role` gives a login's server role
# the rights of its leadadmin role (data/pg/schema.sql), and what a login
# may do past leadadmin, with psql, is no more: a User may not change a
# list, the kept counts, the rights table or another role's settings; a
# List administrator may change the lists, not the users or licences.
# Skips without PostgreSQL.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
# shellcheck source=tests/pglib.sh
. "$top_srcdir/tests/pglib.sh"

pg_start leadadmin

# as ROLE SQL: SQL in psql with the rights of ROLE; its output and
# messages in $OUT.
as() {
	OUT=$(pg_psql -v ON_ERROR_STOP=0 -v QUIET=off -c "SET ROLE \"$1\"" -c "$2" 2>&1)
}

la --db "$PG_URL" init --language en
is "$RC" 0 "init on PostgreSQL"
pg_psql -c 'CREATE ROLE alice LOGIN' -c 'CREATE ROLE bob LOGIN'

la --db "$PG_URL" user add alice --role list-admin
is "$RC" 0 "alice becomes List administrator"
la --db "$PG_URL" user add bob --role user
is "$RC" 0 "bob becomes User"
la --db "$PG_URL" user add carol --role user
is "$RC" 1 "a login without a role on the server is refused"
like "$ERR" "createuser carol" "the message says how the server gets one"
la --db "$PG_URL" user list
unlike "$OUT" "carol" "and carol is not added"

is "$(pg_psql -tA -c "SELECT pg_has_role('alice', 'leadadmin_lists@leadadmin', 'member'), pg_has_role('alice', 'leadadmin_general@leadadmin', 'member'), pg_has_role('bob', 'leadadmin_user@leadadmin', 'member'), pg_has_role('bob', 'leadadmin_lists@leadadmin', 'member')")" \
	"t|f|t|f" "alice holds leadadmin_lists@leadadmin, bob leadadmin_user@leadadmin, and no more"

# A User, with psql.
as bob "UPDATE category SET name = 'Renamed' WHERE category_id = 1"
like "$OUT" "permission denied for table category" "a User may not change a category"
as bob "DELETE FROM leadstatus"
like "$OUT" "permission denied for table leadstatus" "nor delete the lead statuses"
as bob "UPDATE associate SET role = 2"
like "$OUT" "permission denied for table associate" "nor change the rights table"
as bob "UPDATE usage_count SET contacts = 99"
like "$OUT" "permission denied for table usage_count" "nor the kept counts"
as bob "UPDATE setting SET value = '1' WHERE key = 'marketing.utm_enabled'"
like "$OUT" "UPDATE 0" "a Marketing setting is no row of a User's"
as bob "INSERT INTO setting (key, value) VALUES ('marketing.fallback_associate_id', '2')"
like "$OUT" "row-level security" "nor can a User add one"
as bob "INSERT INTO contact (name, la_name_key, category_idx) VALUES ('Bob GmbH', 'bob gmbh', 1)"
like "$OUT" "INSERT 0 1" "a User may add a company, as leadadmin lets every user (submit)"
is "$(pg_psql -tA -c "SELECT companies FROM usage_count WHERE list = 'category' AND item_id = 1")" 1 \
	"and its triggers keep the counts, which the User may not write"
as bob "CREATE TEMP TABLE usage_count (list text, item_id bigint, companies int, contacts int); INSERT INTO contact (name, la_name_key, category_idx) VALUES ('Bob AG', 'bob ag', 1)"
is "$(pg_psql -tA -c "SELECT companies FROM usage_count WHERE list = 'category' AND item_id = 1")" 2 \
	"a temporary table of the same name does not catch the triggers' writes"
as bob "INSERT INTO audit (login, list, action, at) VALUES ('alice', 'category', 'delete', '2020-01-01 00:00:00')"
is "$(pg_psql -tA -c "SELECT login || ' ' || (at > '2021') FROM audit WHERE action = 'delete'")" "bob true" \
	"a User writes the change log only as itself, at the time it writes"
as bob "UPDATE form_submission SET submission_key = 'x'"
like "$OUT" "permission denied for table form_submission" "a User may not rewrite a submission"
as alice "INSERT INTO usergroup (name, la_name_key) VALUES ('Mine', 'mine')"
like "$OUT" "permission denied for table usergroup" "a List administrator may not add a user group (a General administrator's)"

# A List administrator, with psql.
as alice "UPDATE category SET tooltip = 'Changed by alice' WHERE category_id = 1"
like "$OUT" "UPDATE 1" "a List administrator may change a category"
as alice "UPDATE associate SET role = 2 WHERE name = 'alice'"
like "$OUT" "permission denied for table associate" "not the rights table"
as alice "UPDATE licence SET enabled = 1"
like "$OUT" "permission denied for table licence" "nor a licence"

# A new role: the old one is gone.
la --db "$PG_URL" user set-role bob list-admin
is "$RC" 0 "bob becomes List administrator"
is "$(pg_psql -tA -c "SELECT pg_has_role('bob', 'leadadmin_lists@leadadmin', 'member'), pg_has_role('bob', 'leadadmin_user@leadadmin', 'usage')")" \
	"t|t" "bob holds leadadmin_lists@leadadmin (with a User's rights in it)"
is "$(pg_psql -tA -c "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = 'bob'")" \
	1 "and only it, directly"
as bob "UPDATE category SET tooltip = 'Changed by bob' WHERE category_id = 2"
like "$OUT" "UPDATE 1" "now bob may change a category"

la --db "$PG_URL" user set-role alice general-admin
is "$RC" 0 "alice becomes General administrator"
is "$(pg_psql -tA -c "SELECT count(*) FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = 'alice' AND m.admin_option")" \
	4 "a General administrator may grant each of the four roles on"
as alice "UPDATE licence SET enabled = 1"
like "$OUT" "UPDATE 1" "and may change a licence"

# A deactivated user holds no server role; activated, its role again.
la --db "$PG_URL" user edit bob --inactive
is "$RC" 0 "bob is deactivated"
is "$(pg_psql -tA -c "SELECT count(*) FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = 'bob'")" \
	0 "and holds no role on the server"
as bob "UPDATE category SET tooltip = 'still?' WHERE category_id = 2"
like "$OUT" "permission denied for table category" "so psql refuses him a change"
la --db "$PG_URL" user edit bob --active
is "$(pg_psql -tA -c "SELECT pg_has_role('bob', 'leadadmin_lists@leadadmin', 'member')")" t \
	"activated, he holds his role again"

# Each database has roles of its own: a role in another database of the
# same server gives nothing here.
pg_psql -c "CREATE DATABASE other OWNER \"$(id -un)\""
OTHER=$(printf '%s' "$PG_URL" | sed 's|:///leadadmin?|:///other?|')
la --db "$OTHER" init --language en
la --db "$OTHER" user add alice --role user
is "$RC" 0 "alice is a User in the other database"
la --db "$OTHER" user add bob --role general-admin
is "$RC" 0 "and bob its General administrator"
is "$(pg_psql -tA -c "SELECT pg_has_role('alice', 'leadadmin_general@leadadmin', 'member'), pg_has_role('bob', 'leadadmin_general@leadadmin', 'member'), pg_has_role('bob', 'leadadmin_general@other', 'member')")" \
	"t|f|t" "this database's roles are as they were"
as bob "UPDATE associate SET role = 2"
like "$OUT" "permission denied for table associate" "bob, general there, is no General administrator here"

finish

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

is "$(pg_psql -tA -c "SELECT pg_has_role('alice', 'leadadmin_lists', 'member'), pg_has_role('alice', 'leadadmin_general', 'member'), pg_has_role('bob', 'leadadmin_user', 'member'), pg_has_role('bob', 'leadadmin_lists', 'member')")" \
	"t|f|t|f" "alice holds leadadmin_lists, bob leadadmin_user, and no more"

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
is "$(pg_psql -tA -c "SELECT pg_has_role('bob', 'leadadmin_lists', 'member'), pg_has_role('bob', 'leadadmin_user', 'usage')")" \
	"t|t" "bob holds leadadmin_lists (with a User's rights in it)"
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

finish

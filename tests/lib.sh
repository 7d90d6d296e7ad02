# Shared by the command-line tests: TAP output, a private HOME, and helpers
# that run the built binary and read the database back with sqlite3.
# Use: . "$top_srcdir/tests/lib.sh"; then checks; then finish.

set -u
LEADADMIN_BIN=${LEADADMIN_BIN:-${top_builddir:-.}/leadadmin}
SQLITE3=${SQLITE3:-sqlite3}
[ -n "$SQLITE3" ] || SQLITE3=sqlite3

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/leadadmin-test.XXXXXX")
trap 'rm -rf "$TEST_TMP"' EXIT
export HOME="$TEST_TMP/home" XDG_CONFIG_HOME="$TEST_TMP/home/.config" \
	XDG_DATA_HOME="$TEST_TMP/home/.local/share" TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE LEADADMIN_DB LEADADMIN_CONFIG
mkdir -p "$HOME"
DB="$TEST_TMP/crm.db"
# LEADADMIN_TEST_DB=pg: the suite's database ($DB) is an empty one on a
# PostgreSQL server of the test's own (tests/pglib.sh), so that the suite
# runs on the second engine as it is; databases it names by a path stay
# files. Without PostgreSQL the suite is skipped.
if [ "${LEADADMIN_TEST_DB:-}" = pg ]; then
	. "${top_srcdir:-.}/tests/pglib.sh"
	pg_start crm
	DB=$PG_URL
	# The logins the suites add as users, and the demo's: on a server,
	# each needs a role.
	for _login in boss alice carol dave mallory anna.berg jonas.kraft mia.stein paul.roth; do
		pg_psql -d template1 -c "CREATE ROLE \"$_login\" LOGIN" >/dev/null ||
			{ echo "Bail out! cannot make the role $_login"; exit 1; }
	done
fi

_n=0
_failed=0

# ok COND-EXIT-CODE NAME: one TAP line from the status of the last check.
ok() {
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_failed=$((_failed + 1))
	fi
}

# la ARGS...: runs leadadmin; stdout in $OUT, stderr in $ERR, exit in $RC.
la() {
	"$LEADADMIN_BIN" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	RC=$?
	OUT=$(cat "$TEST_TMP/out")
	ERR=$(cat "$TEST_TMP/err")
}

# is GOT WANT NAME: equality, with a diagnostic on failure.
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | sed 's/^\([^#]\)/#   \1/'
	fi
}

# like TEXT PATTERN NAME: TEXT contains the fixed string PATTERN.
like() {
	case "$1" in
	*"$2"*) ok 0 "$3" ;;
	*) ok 1 "$3"; printf '#   text: %s\n#   lacks: %s\n' "$1" "$2" | head -20 ;;
	esac
}

# unlike TEXT PATTERN NAME: TEXT does not contain PATTERN.
unlike() {
	case "$1" in
	*"$2"*) ok 1 "$3"; printf '#   text has: %s\n' "$2" ;;
	*) ok 0 "$3" ;;
	esac
}

# sql [DB] QUERY: one query on the database, read back with sqlite3 (or,
# for a server's database, psql: the same "a|b" lines, NULL as nothing).
sql() {
	if [ $# -eq 1 ]; then
		set -- "$DB" "$1"
	fi
	if is_url "$1"; then
		"$PG_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
	else
		"$SQLITE3" -batch "$1" "$2"
	fi
}

# checksum DB: the whole content but the change log, to show that nothing
# changed (on a server: every table's rows in the order of their text).
# A database that cannot be read gives a sum no other call gives, so that
# "unchanged" cannot pass without reading.
checksum() {
	if is_url "$1"; then
		_sum=$(printf '%s\n' "SELECT format('SELECT %L, md5(coalesce(string_agg(t::text, %L ORDER BY t::text), %L)) FROM %I t', tablename, E'\\n', '', tablename) FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'audit' ORDER BY tablename" '\gexec' |
			"$PG_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$1")
	else
		_sum=$("$SQLITE3" -batch "$1" .dump)
	fi || {
		echo "unreadable-$$-$(date +%s%N)"
		return 1
	}
	printf '%s\n' "$_sum" | grep -v '^INSERT INTO audit' | md5sum | cut -d' ' -f1
}

# on_server: the suite's database is on a PostgreSQL server.
on_server() {
	is_url "$DB"
}

# is_url DB: DB names a database on a server (a libpq URI), not a file.
is_url() {
	case $1 in
	postgres://*|postgresql://*) return 0 ;;
	esac
	return 1
}

# tables_named NAME: how many tables of that name the database has (0 or 1).
tables_named() {
	if on_server; then
		sql "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '$1'"
	else
		sql "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '$1'"
	fi
}

# jget COLUMN KEY: the SQL of the value of KEY in the JSON object of
# COLUMN, as SQLite's json_extract gives it (true and false as 1 and 0).
jget() {
	if on_server; then
		echo "(CASE json_typeof(CAST($1 AS json) -> '$2') WHEN 'boolean' THEN CASE WHEN CAST($1 AS json) ->> '$2' = 'true' THEN '1' ELSE '0' END ELSE CAST($1 AS json) ->> '$2' END)"
	else
		echo "json_extract($1, '\$.$2')"
	fi
}

# keys_filled [TABLE]: on a server, SQL that gives the rows of TABLE
# (contact) that a test wrote itself, as another program would, without
# their name key (rule 2) the key, which the server wants before the
# commit; to end the statement that wrote them.
keys_filled() {
	! on_server || echo "; UPDATE ${1:-contact} SET la_name_key = la_fold(name) WHERE la_name_key IS NULL"
}

# chr: SQL's function of a character by its code (char on SQLite).
chr() {
	if on_server; then echo chr; else echo char; fi
}

# copy_db FILE: the suite's database copied into the file FILE (on a
# server with leadadmin copy, which the copy's tests check).
copy_db() {
	if on_server; then
		"$LEADADMIN_BIN" --db "$DB" --quiet copy --to "$1" >/dev/null
	else
		cp "$DB" "$1"
	fi
}

# schema_version [DB]: the version of the database's schema.
schema_version() {
	if is_url "${1:-$DB}"; then
		sql "${1:-$DB}" "SELECT value FROM setting WHERE key = 'schema.version'"
	else
		sql "${1:-$DB}" 'PRAGMA user_version'
	fi
}

# db_remove: the suite's database gone (on a server: made again empty),
# for a test that starts afresh with init.
db_remove() {
	if on_server; then
		pg_psql -d template1 -c "DROP DATABASE \"$PG_DB\" WITH (FORCE)" -c "CREATE DATABASE \"$PG_DB\"" >/dev/null
	else
		rm -f "$DB" "$DB-wal" "$DB-shm"
	fi
}

# second_db NAME: where a suite keeps a second database: a file in the
# test's folder, or on a server a new empty database there (its URL).
second_db() {
	if on_server; then
		pg_psql -d template1 -c "CREATE DATABASE \"$1\"" >/dev/null || return 1
		echo "postgresql:///$1?host=$PGHOST"
	else
		echo "$TEST_TMP/$1.db"
	fi
}

need_sqlite3() {
	if ! command -v "$SQLITE3" >/dev/null 2>&1; then
		echo "1..0 # SKIP the sqlite3 shell is not installed"
		exit 0
	fi
}

finish() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}

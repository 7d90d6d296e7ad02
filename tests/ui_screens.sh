#!/bin/sh
# The screens end to end without a terminal (tig's test harness): every
# tests/ui/NAME.keys is run as `leadadmin --script NAME.keys --dump OUT`
# on a fresh database, and OUT must equal tests/ui/NAME.expect.
# See tests/ui/README for the key script format and the #! directives.
# `tests/ui_screens.sh NAME...` runs only those scenarios. UI_TEST_UPDATE=1
# writes OUT over the .expect files: read every changed expectation
# before you commit it.
# TAP output; LINES, COLUMNS, locale, TERM, TZ and HOME are pinned.

srcdir=$(cd "${top_srcdir:-$(dirname "$0")/..}" && pwd)
dir=$srcdir/tests/ui
bin=${LEADADMIN_BIN:-$srcdir/leadadmin}
# The screens run in the scenario's folder: paths must not be relative.
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac

if [ ! -x "$bin" ]; then
	echo "1..0 # SKIP leadadmin binary not found: $bin"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ui_screens.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
# LEADADMIN_TEST_DB=pg: each scenario's database is a new one on a
# PostgreSQL server of the run's own (tests/pglib.sh), "$SQLITE3" "$DB"
# SQL runs the SQL there with psql, and a scenario marked "#! engine:
# sqlite" is skipped (tests/ui/README).
server=
if [ "${LEADADMIN_TEST_DB:-}" = pg ]; then
	TEST_TMP=$tmp
	. "$srcdir/tests/pglib.sh"
	pg_start ui
	server=1
	# The scenarios' "$SQLITE3" "$DB" SQL: psql on the server's database.
	real_sqlite3=$(command -v "$SQLITE3")
	cat >"$tmp/sqlite3" <<EOF
#!/bin/sh
case \$1 in
postgresql://*) db=\$1; shift; exec "$PG_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -d "\$db" -c "\$*" ;;
*) exec "$real_sqlite3" "\$@" ;;
esac
EOF
	chmod +x "$tmp/sqlite3"
	SQLITE3=$tmp/sqlite3
	# The demo's logins and those the scenarios add: on a server, each
	# needs a role.
	for login in anna.berg jonas.kraft mia.stein paul.roth mia.berg boss; do
		pg_psql -d template1 -c "CREATE ROLE \"$login\" LOGIN" >/dev/null ||
			{ echo "Bail out! cannot make the role $login"; exit 1; }
	done
fi

unset NO_COLOR LANGUAGE LANG LC_MESSAGES LEADADMIN_DB LEADADMIN_CONFIG ESCDELAY
HOME=$tmp/home
XDG_CONFIG_HOME=$HOME/.config
XDG_DATA_HOME=$HOME/.local/share
TZ=UTC
LC_ALL=C.UTF-8
LEADADMIN=$bin
SQLITE3=${SQLITE3:-sqlite3}
export HOME XDG_CONFIG_HOME XDG_DATA_HOME TZ LC_ALL LEADADMIN SQLITE3
mkdir -p "$HOME"
login=$(id -un)

# The value of directive KEY in a key script (the first one), or DEFAULT.
directive() {
	v=$(sed -n "s/^#! $2: //p" "$1" | head -n 1)
	[ -n "$v" ] && printf '%s\n' "$v" || printf '%s\n' "$3"
}

# Names on the command line pick scenarios; none runs them all.
if [ $# -gt 0 ]; then
	for name in "$@"; do
		set -- "$@" "$dir/$name.keys"
		shift
	done
else
	set -- "$dir"/*.keys
fi
echo "1..$#"
n=0
failed=0
for keys in "$@"; do
	n=$((n + 1))
	name=$(basename "$keys" .keys)
	expect=$dir/$name.expect
	out=$tmp/$name.out
	DB=$tmp/$name.db
	at=$name.db
	if [ -n "$server" ]; then
		if [ "$(directive "$keys" engine any)" = sqlite ]; then
			echo "ok $n - $name # SKIP SQLite only: $(directive "$keys" why '')"
			continue
		fi
		pg_psql -d template1 -c "CREATE DATABASE \"s$n\"" >/dev/null || {
			echo "not ok $n - $name # no database on the server"
			failed=$((failed + 1))
			continue
		}
		DB="postgresql:///s$n?host=$PGHOST"
		at=$DB
	fi
	export DB
	size=$(directive "$keys" size 80x24)
	cols=${size%x*}
	lines=${size#*x}
	term=$(directive "$keys" term xterm-256color)
	init=$(directive "$keys" init "--language en")
	args=$(directive "$keys" args "")

	if ! eval "\"\$bin\" --db \"\$DB\" init $init" >"$tmp/init.log" 2>&1; then
		echo "not ok $n - $name # init failed"
		sed 's/^/# /' "$tmp/init.log"
		failed=$((failed + 1))
		continue
	fi
	# Set-up commands (e.g. a user without list rights) run in order.
	sed -n 's/^#! setup: //p' "$keys" >"$tmp/setup.sh"
	if ! (cd "$tmp" && . "$tmp/setup.sh") >"$tmp/setup.log" 2>&1; then
		echo "not ok $n - $name # setup failed"
		sed 's/^/# /' "$tmp/setup.log"
		failed=$((failed + 1))
		continue
	fi
	# From the scenario's folder, so that a message naming the database
	# reads the same wherever the folder is.
	(cd "$tmp" && eval "COLUMNS=$cols LINES=$lines TERM=$term \"\$bin\" --db \"\$at\" $args \
		--script \"\$keys\" --dump \"\$out\"") </dev/null >"$tmp/run.log" 2>&1
	rc=$?
	echo "=== exit $rc ===" >>"$out"
	# The acting login shows in some messages: make it the same for anyone.
	sed -i "s/\\b$login\\b/LOGIN/g" "$out"
	# SQLite's quick_check names the page of a damaged tree, which moves
	# whenever the schema gains a table or an index.
	sed -i -E "s/On tree page [0-9]+ /On tree page N /" "$out"
	# Checks of the database afterwards: each command's output is appended.
	sed -n 's/^#! check: //p' "$keys" | while IFS= read -r check; do
		echo "=== check: $check ===" >>"$out"
		(cd "$tmp" && eval "$check") >>"$out" 2>&1
	done
	if [ -n "$UI_TEST_UPDATE" ]; then
		cp "$out" "$expect"
	fi
	: >"$tmp/diff"
	if [ -f "$expect" ] && diff -u "$expect" "$out" >"$tmp/diff"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		[ -f "$expect" ] || echo "# missing $expect"
		sed 's/^/# /' "$tmp/diff" "$tmp/run.log"
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ]

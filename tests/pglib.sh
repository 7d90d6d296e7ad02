# A real PostgreSQL server for one test, started and stopped by the test.
# Use, after tests/lib.sh:
#     . "$top_srcdir/tests/pglib.sh"
#     pg_start [DBNAME]      # skips the test (1..0 # SKIP) without PostgreSQL
#     pg_psql -c 'SELECT 1'  # psql as the server's user, ON_ERROR_STOP=1
#     ... "$LEADADMIN_BIN" --db "$PG_URL" ...
#     pg_stop                # also run on exit
#
# The cluster is made by initdb in $TEST_TMP/pg (fsync off) and listens
# only on a Unix socket in that folder: no TCP port, nothing shared with a
# system server. PostgreSQL refuses to run as root, so under root (as
# .ci/run runs) a temporary user owns the cluster and runs initdb, pg_ctl
# and psql through setpriv; it is removed by pg_stop. Local connections are
# authenticated by peer: a login connects as the role of its own name.
#
# After pg_start:
#   PG_BINDIR  the server's programs (LEADADMIN_PG_BINDIR overrides the
#              search: pg_config --bindir, then /usr/lib/postgresql/*/bin)
#   PGHOST     the socket folder (exported, so that psql and libpq find it)
#   PG_DB      the test's empty database (PGDATABASE, exported); there is
#              no database postgres (the maintenance one is template1)
#   PG_URL     postgresql:///PG_DB?host=PGHOST, for --db: the test's own
#              login connects with it as a superuser role of its name
#   PG_USER    the server's user and superuser role
#   PG_PID     the postmaster's process id
# pg_as CMD... runs a command as PG_USER; pg_psql ARGS... runs psql as it.

PG_MIN_VERSION=15
PG_DIR=
PG_DATA=
PG_USER=
PG_PID=
PG_TMP_USER=

pg_skip() {
	echo "1..0 # SKIP $1"
	exit 0
}

# The folder of initdb, pg_ctl and psql, or nothing.
pg_bindir() {
	if [ -n "${LEADADMIN_PG_BINDIR:-}" ]; then
		[ -x "$LEADADMIN_PG_BINDIR/initdb" ] && echo "$LEADADMIN_PG_BINDIR"
		return 0
	fi
	d=$(pg_config --bindir 2>/dev/null)
	if [ -n "$d" ] && [ -x "$d/initdb" ]; then
		echo "$d"
		return 0
	fi
	best='' bestv=0
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] || continue
		v=${d#/usr/lib/postgresql/}
		v=${v%/bin}
		case $v in *[!0-9]*|'') continue ;; esac
		[ "$v" -gt "$bestv" ] && best=$d bestv=$v
	done
	[ -z "$best" ] || echo "$best"
	return 0
}

# retry CMD...: CMD, tried again while another test holds /etc/passwd.
pg_retry() {
	for _try in 1 2 3 4 5; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 1
	done
	return 1
}

# pg_as CMD...: CMD as the server's user, in its folder, with its HOME.
pg_as() {
	if [ -n "$PG_TMP_USER" ]; then
		(cd "$PG_DIR" && HOME="$PG_DIR" setpriv --reuid="$PG_USER" --regid="$PG_USER" \
			--clear-groups "$@")
	else
		(cd "$PG_DIR" && "$@")
	fi
}

# pg_psql ARGS...: psql as the server's superuser on the test's database
# (or the one that ARGS name), stopping at the first error.
pg_psql() {
	pg_as "$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -U "$PG_USER" "$@"
}

pg_cleanup() {
	pg_stop
	rm -rf "$TEST_TMP"
}

# pg_start [DBNAME]: a new cluster with the empty database DBNAME
# (leadadmin), running; skips the test when that cannot be.
pg_start() {
	PG_DB=${1:-leadadmin}
	PG_BINDIR=$(pg_bindir)
	[ -n "$PG_BINDIR" ] || pg_skip "PostgreSQL is not installed (no initdb${LEADADMIN_PG_BINDIR:+ in $LEADADMIN_PG_BINDIR})"
	for tool in initdb pg_ctl psql postgres; do
		[ -x "$PG_BINDIR/$tool" ] || pg_skip "$PG_BINDIR/$tool is missing"
	done
	v=$("$PG_BINDIR/initdb" --version 2>/dev/null | sed -n 's/^[^0-9]*\([0-9][0-9]*\).*/\1/p')
	if [ -z "$v" ] || [ "$v" -lt "$PG_MIN_VERSION" ]; then
		pg_skip "PostgreSQL ${v:-?} is older than $PG_MIN_VERSION"
	fi

	PG_DIR=$TEST_TMP/pg
	# A socket's path has at most 107 bytes: a long TMPDIR gets a short
	# folder of its own.
	if [ ${#PG_DIR} -gt 80 ]; then
		PG_DIR=$(mktemp -d /tmp/lapg.XXXXXX) || pg_skip "cannot make a folder in /tmp"
	else
		mkdir "$PG_DIR" || pg_skip "cannot make $PG_DIR"
	fi
	PG_DATA=$PG_DIR/data
	trap pg_cleanup EXIT
	trap 'exit 1' HUP INT TERM

	if [ "$(id -u)" -eq 0 ]; then
		for tool in useradd userdel setpriv; do
			command -v "$tool" >/dev/null 2>&1 || pg_skip "$tool is not installed (needed to run PostgreSQL as root)"
		done
		PG_USER=lapg$$
		pg_retry useradd -M -U -s /usr/sbin/nologin "$PG_USER" ||
			pg_skip "useradd $PG_USER failed"
		PG_TMP_USER=$PG_USER
		chown "$PG_USER" "$PG_DIR"
		# The server's user, and every login a test connects as, must
		# reach the socket folder.
		chmod 0711 "$TEST_TMP"
		[ "$PG_DIR" = "$TEST_TMP/pg" ] || chmod 0711 "$PG_DIR"
	else
		PG_USER=$(id -un)
	fi
	chmod 0711 "$PG_DIR"

	pg_as "$PG_BINDIR/initdb" -D "$PG_DATA" -U "$PG_USER" -E UTF8 --locale=C.UTF-8 \
		--auth-local=peer --auth-host=reject --no-sync --no-instructions \
		>"$PG_DIR/initdb.log" 2>&1 || {
		sed 's/^/# /' "$PG_DIR/initdb.log"
		pg_skip "initdb failed"
	}
	cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$PG_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 30
EOF
	if ! pg_as "$PG_BINDIR/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/server.log" -w -t 30 start >/dev/null 2>&1; then
		sed 's/^/# /' "$PG_DIR/server.log" 2>/dev/null
		echo "Bail out! the PostgreSQL server did not start"
		exit 1
	fi
	PG_PID=$(head -n 1 "$PG_DATA/postmaster.pid")
	PGHOST=$PG_DIR
	PGDATABASE=$PG_DB
	PG_URL="postgresql:///$PG_DB?host=$PG_DIR"
	export PGHOST PGDATABASE PG_URL
	unset PGPORT PGUSER PGPASSWORD PGSERVICE PGOPTIONS
	# The empty database postgres becomes the test's: renaming takes no
	# time, CREATE DATABASE half a second.
	[ "$PG_DB" = postgres ] ||
		pg_psql -d template1 -c "ALTER DATABASE postgres RENAME TO \"$PG_DB\"" || {
		echo "Bail out! cannot make the database $PG_DB"
		exit 1
	}
	# The test's own login connects through PG_URL with the rights of the
	# cluster's owner, as it does when it made the cluster itself.
	if [ -n "$PG_TMP_USER" ]; then
		pg_psql -c "CREATE ROLE \"$(id -un)\" LOGIN SUPERUSER" || {
			echo "Bail out! cannot make the role $(id -un)"
			exit 1
		}
	fi
}

# pg_stop: the server stopped, its user and its folder gone; again, nothing.
pg_stop() {
	if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
		pg_as "$PG_BINDIR/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 ||
			{ [ -n "$PG_PID" ] && kill -9 "$PG_PID" 2>/dev/null; sleep 1; }
	fi
	if [ -n "$PG_TMP_USER" ]; then
		pg_retry userdel "$PG_TMP_USER"
		! getent group "$PG_TMP_USER" >/dev/null || pg_retry groupdel "$PG_TMP_USER"
		PG_TMP_USER=
	fi
	[ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
	PG_DATA=
}

#!/bin/sh
# Reliability 3: broken surroundings.
#   - A database that is read-only, as a file (0444) and as a folder (0555):
#     it opens read-only, reading commands show the data, every change is
#     refused with exit 3 and a message that says read-only, the screens
#     show a [read-only] banner, and no file is made or changed (not even
#     a -wal or -shm beside it). A WAL database with committed changes in
#     its -wal is read with them; one whose -shm cannot be made is refused
#     with a message. Root ignores file modes, so as root these checks run
#     as the unprivileged user nobody (setpriv).
#   - A file cut to half of its pages, and files of garbage, are reported
#     (exit 3) and never overwritten (byte-compared before and after).
#   - A full disk, simulated with PRAGMA max_page_count: exit 3, "disk or
#     the database is full", and no partial change. max_page_count holds
#     per connection, so it must be set inside the leadadmin process: the
#     test builds a tiny preload library (tests need a C compiler) whose
#     constructor registers an SQLite auto-extension that sets it on each
#     connection leadadmin opens. The program itself has no test hook.
#   - A newer schema is refused untouched: tests/cli_errors.sh.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

BIN=$LEADADMIN_BIN

# ------------------------------------------------------------ who runs the read-only checks
AS=
RUSER=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
	RUSER=
	if id nobody >/dev/null 2>&1; then
		ngroup=$(id -gn nobody)
		if setpriv --reuid=nobody --regid="$ngroup" --clear-groups true 2>/dev/null; then
			AS="setpriv --reuid=nobody --regid=$ngroup --clear-groups"
			RUSER=nobody
		fi
	fi
fi
# as CMD...: runs CMD as the read-only checks' user; output as la gives it.
as() {
	$AS "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	RC=$?
	OUT=$(cat "$TEST_TMP/out")
	ERR=$(cat "$TEST_TMP/err")
}
# listing DIR: the names, sizes and modes of the files in DIR.
listing() {
	(cd "$1" && for f in *; do [ -e "$f" ] && stat -c '%n %s %a' "$f"; done)
}

# refused WHAT CMD...: a change on the read-only database: exit 3, says so.
refused() {
	what=$1
	shift
	as "$BIN" --db "$RODB" "$@"
	is "$RC" 3 "$case: $what is refused with exit 3"
	like "$ERR" "read-only" "$case: $what: the message says read-only"
}

readonly_checks() {
	sum=$(md5sum <"$RODB")
	before=$(listing "$RODIR")
	as "$BIN" --db "$RODB" category list
	is "$RC" 0 "$case: category list works"
	like "$OUT" "Before read-only" "$case: and shows the data"
	as "$BIN" --db "$RODB" lead-status list --format tsv
	is "$RC" 0 "$case: lead-status list works"
	as "$BIN" --db "$RODB" export
	like "$OUT" "Before read-only" "$case: export works"
	as "$BIN" --db "$RODB" setup-check
	is "$RC" 0 "$case: setup-check works"
	refused "category add" category add Webinar
	refused "category edit" category edit Lead --description changed
	refused "category delete" category delete Lead --yes
	refused "category move" category move Lead down
	refused "category restore" category restore "Deleted before"
	refused "lead-status add" lead-status add Waiting
	refused "lead-status default" lead-status default Contacting
	refused "import" import "$TEST_TMP/one.json"
	refused "user add" user add somebody
	refused "submit" submit "$TEST_TMP/one.jsonl"
	# The screens: a banner from the first screen on, and a change key
	# says why not.
	printf ':dump\n<Enter><Enter>\n:dump\na\n:dump\n' >"$TEST_TMP/keys"
	rm -f "$DUMPDIR/screens.txt"
	as env COLUMNS=80 LINES=24 TERM=xterm "$BIN" --db "$RODB" --script "$TEST_TMP/keys" \
		--dump "$DUMPDIR/screens.txt"
	is "$RC" 0 "$case: the screens open"
	dump=$(cat "$DUMPDIR/screens.txt" 2>/dev/null)
	is "$(printf '%s\n' "$dump" | grep -c '^ Settings.*\[read-only\]$')" 3 \
		"$case: every screen shows the [read-only] banner in its title line"
	like "$dump" "Before read-only" "$case: the list screen shows the data"
	like "$dump" "is open read-only" "$case: the add key says the database is open read-only"
	is "$(md5sum <"$RODB")" "$sum" "$case: the database file is byte-identical"
	is "$(listing "$RODIR")" "$before" "$case: no file was made or changed beside it (no -wal, no -shm)"
}

if [ -z "$RUSER" ]; then
	for c in 1 2 3; do
		ok 0 "read-only databases (check $c) # SKIP running as root without a way to run as an unprivileged user"
	done
else
	chmod 711 "$TEST_TMP"
	DUMPDIR=$TEST_TMP/dumps
	mkdir -p "$DUMPDIR"
	[ -n "$AS" ] && chown "$RUSER" "$DUMPDIR"
	printf '{"format": "leadadmin-lists", "version": 1, "categories": [{"name": "New", "group": "partner"}], "lead_statuses": []}\n' \
		>"$TEST_TMP/one.json"
	printf '{"id": 1, "email": "a@example.com", "lastname": "A"}\n' >"$TEST_TMP/one.jsonl"
	chmod 644 "$TEST_TMP/one.json" "$TEST_TMP/one.jsonl"
	# mkro DIR: a database in DIR, owned by the user of the checks, who
	# is a General administrator in it.
	mkro() {
		mkdir -p "$1"
		"$BIN" --db "$1/crm.db" init >/dev/null 2>&1
		[ -n "$AS" ] && "$BIN" --db "$1/crm.db" user add "$RUSER" --role general-admin >/dev/null 2>&1
		"$BIN" --db "$1/crm.db" category add "Before read-only" >/dev/null 2>&1
		"$BIN" --db "$1/crm.db" category add "Deleted before" >/dev/null 2>&1
		"$BIN" --db "$1/crm.db" category delete "Deleted before" >/dev/null 2>&1
		[ -n "$AS" ] && chown -R "$RUSER" "$1"
		chmod 755 "$1"
	}

	case="a 0444 file"
	RODIR=$TEST_TMP/rofile
	RODB=$RODIR/crm.db
	mkro "$RODIR"
	chmod 444 "$RODB"
	readonly_checks
	# Made writable again, its owner can change it: reading it left no
	# -shm with the file's read-only mode that would refuse every write.
	chmod 644 "$RODB"
	as "$BIN" --db "$RODB" category add "After read-only"
	is "$RC" 0 "$case: made writable again, a change goes through"

	case="a 0555 folder"
	RODIR=$TEST_TMP/rofolder
	RODB=$RODIR/crm.db
	mkro "$RODIR"
	chmod 600 "$RODB"
	chmod 555 "$RODIR"
	readonly_checks
	chmod 755 "$RODIR"

	# A WAL database whose -wal holds committed changes: a writer that
	# was killed left its -wal and -shm behind.
	case="a 0555 folder with a -wal"
	RODIR=$TEST_TMP/rowal
	RODB=$RODIR/crm.db
	mkro "$RODIR"
	mkfifo "$TEST_TMP/to-writer"
	$AS "$SQLITE3" -batch "$RODB" <"$TEST_TMP/to-writer" >"$TEST_TMP/writer.out" 2>&1 &
	writer=$!
	exec 9>"$TEST_TMP/to-writer"
	printf "INSERT INTO category (name, rank, category_group) VALUES ('Only in the wal', 99, 3);\nSELECT 'done';\n" >&9
	while ! grep -q done "$TEST_TMP/writer.out" 2>/dev/null; do :; done
	kill -9 "$writer"
	{ wait "$writer"; } 2>/dev/null
	exec 9>&-
	ok "$([ -s "$RODB-wal" ] && [ -e "$RODB-shm" ]; echo $?)" "$case: the killed writer left a -wal with content and a -shm"
	chmod 555 "$RODIR"
	sum=$(md5sum <"$RODB")
	as "$BIN" --db "$RODB" category list
	is "$RC" 0 "$case: category list works"
	like "$OUT" "Only in the wal" "$case: and shows the change that is only in the -wal"
	refused "category add" category add Webinar
	chmod 755 "$RODIR"
	mv "$RODB-shm" "$TEST_TMP/shm.saved"
	chmod 555 "$RODIR"
	before=$(listing "$RODIR")
	as "$BIN" --db "$RODB" category list
	is "$RC" 3 "$case but no -shm: exit 3"
	like "$ERR" "-wal" "$case but no -shm: the message names the -wal file"
	like "$ERR" "left untouched" "$case but no -shm: and says the database was left untouched"
	is "$(md5sum <"$RODB")" "$sum" "$case: the database file is byte-identical"
	is "$(listing "$RODIR")" "$before" "$case: nothing was made beside it"
	chmod 755 "$RODIR"
fi

# ------------------------------------------------------------ damaged files
TRDIR=$TEST_TMP/damaged
mkdir -p "$TRDIR"
"$BIN" --db "$DB" init --demo >/dev/null 2>&1
pages=$(sql 'PRAGMA page_count')
psize=$(sql 'PRAGMA page_size')
ok "$([ "$pages" -gt 20 ]; echo $?)" "a demo database of $pages pages to damage"

# damaged WHAT FILE: reads and changes exit 3 and leave FILE as it was.
damaged() {
	what=$1
	file=$2
	cp "$file" "$TEST_TMP/damaged.copy"
	before=$(listing "$TRDIR")
	la --db "$file" category list
	is "$RC" 3 "$what: category list exits 3"
	like "$ERR" "$(basename "$file")" "$what: the message names the file"
	is "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1 "$what: one line on stderr"
	like "$ERR" "$3" "$what: the message says: $3"
	la --db "$file" category add Webinar
	is "$RC" 3 "$what: a change exits 3"
	la --db "$file" import "$TEST_TMP/damage.json"
	is "$RC" 3 "$what: an import exits 3"
	printf ':dump\n' >"$TEST_TMP/keys"
	la --db "$file" --script "$TEST_TMP/keys" --dump "$TEST_TMP/damaged.dump"
	is "$RC" 3 "$what: the screens exit 3"
	cmp -s "$file" "$TEST_TMP/damaged.copy"
	ok $? "$what: the file is byte-identical"
	is "$(listing "$TRDIR")" "$before" "$what: no file was made beside it"
}
printf '{"format": "leadadmin-lists", "version": 1, "categories": [{"name": "New", "group": "partner"}], "lead_statuses": []}\n' \
	>"$TEST_TMP/damage.json"

head -c $((pages / 2 * psize)) "$DB" >"$TRDIR/half.db"
damaged "a file cut to half of its pages" "$TRDIR/half.db" "cut short"
{ head -c 100 "$DB"; head -c $((pages * psize - 100)) /dev/urandom; } >"$TRDIR/header.db"
damaged "a SQLite header followed by garbage" "$TRDIR/header.db" "damaged"
{ head -c "$psize" "$DB"; head -c $(((pages - 1) * psize)) /dev/urandom; } >"$TRDIR/page1.db"
damaged "a valid first page followed by garbage" "$TRDIR/page1.db" "damaged"
head -c $((pages * psize)) /dev/urandom >"$TRDIR/garbage.db"
damaged "garbage" "$TRDIR/garbage.db" "not a SQLite database"

# ------------------------------------------------------------ a full disk
CC_=${CC:-cc}
command -v "$CC_" >/dev/null 2>&1 || CC_=gcc
cat >"$TEST_TMP/fullshim.c" <<'EOF'
/* Test shim: every SQLite connection of the process gets
 * PRAGMA max_page_count = $REL_MAX_PAGES, a disk that is full there. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static int set_max(sqlite3 *db, char **msg, const void *api)
{
	const char *n = getenv("REL_MAX_PAGES");
	char sql[64];

	(void)msg;
	(void)api;
	if (n) {
		snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld", atol(n));
		sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	return SQLITE_OK;
}

__attribute__((constructor)) static void shim_init(void)
{
	sqlite3_auto_extension((void (*)(void))set_max);
}
EOF
FULLDB=$TEST_TMP/full.db
"$BIN" --db "$FULLDB" init >/dev/null 2>&1
"$BIN" --db "$FULLDB" licence enable marketing-premium >/dev/null 2>&1
"$BIN" --db "$FULLDB" marketing set --utm on --form-category Lead >/dev/null 2>&1
awk 'BEGIN {
	printf "{\"format\": \"leadadmin-lists\", \"version\": 1, \"categories\": ["
	for (i = 1; i <= 2000; i++)
		printf "%s\n {\"name\": \"Full %05d\", \"group\": \"customer\", \"description\": \"a description of some length, item %d\"}", (i > 1 ? "," : ""), i, i
	printf "], \"lead_statuses\": []}\n"
}' >"$TEST_TMP/full.json"
awk 'BEGIN { for (i = 1; i <= 3000; i++)
	printf "{\"id\": %d, \"email\": \"full%d@example.com\", \"lastname\": \"Full %d\", \"company\": \"Full company %d\"}\n", i, i, i, i }' \
	>"$TEST_TMP/full.jsonl"
shim=
# shellcheck disable=SC2086 # CFLAGS may hold several words
if "$CC_" -shared -fPIC -o "$TEST_TMP/fullshim.so" "$TEST_TMP/fullshim.c" ${SQLITE_CFLAGS:-} -lsqlite3 \
	>"$TEST_TMP/cc.log" 2>&1 &&
	LD_PRELOAD="$TEST_TMP/fullshim.so" REL_MAX_PAGES=1 "$BIN" --db "$FULLDB" category list >/dev/null 2>&1; then
	shim=$TEST_TMP/fullshim.so
fi
if [ -z "$shim" ]; then
	for c in 1 2 3 4 5 6 7; do
		ok 0 "a full disk (check $c) # SKIP no C compiler, or the preload shim cannot load (a sanitizer build?)"
	done
else
	full=$(($(sql "$FULLDB" 'PRAGMA page_count') + 3))
	# fullrun WHAT CMD...: CMD on a disk that is full three pages on.
	fullrun() {
		what=$1
		shift
		dump=$("$SQLITE3" -batch "$FULLDB" .dump | md5sum)
		LD_PRELOAD=$shim REL_MAX_PAGES=$full "$BIN" --db "$FULLDB" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
		RC=$?
		ERR=$(cat "$TEST_TMP/err")
		is "$RC" 3 "full disk, $what: exit 3"
		like "$ERR" "disk or the database is full" "full disk, $what: the message says the disk or the database is full"
		like "$ERR" "nothing was" "full disk, $what: and that nothing was changed"
		is "$("$SQLITE3" -batch "$FULLDB" .dump | md5sum)" "$dump" "full disk, $what: no partial change (the whole dump, audit included, is the same)"
	}
	fullrun "an import of 2,000 items" import "$TEST_TMP/full.json"
	fullrun "3,000 submissions" submit "$TEST_TMP/full.jsonl"
	is "$(sql "$FULLDB" 'PRAGMA integrity_check')" ok "full disk: integrity_check ok afterwards"
	la --db "$FULLDB" import "$TEST_TMP/full.json"
	is "$RC" 0 "with room again, the import goes through"
	la --db "$FULLDB" submit "$TEST_TMP/full.jsonl"
	is "$RC:$(sql "$FULLDB" 'SELECT count(*) FROM person')" "0:3000" "and so do the submissions"
	# The disk fills in the middle of a run: the batches committed
	# before stay, and the summary counts exactly them.
	awk 'BEGIN { for (i = 1; i <= 30000; i++)
		printf "{\"id\": \"m-%d\", \"email\": \"m%d@example.com\", \"lastname\": \"Mid %d\", \"company\": \"Mid company %d\"}\n", i, i, i, i }' \
		>"$TEST_TMP/mid.jsonl"
	cp "$FULLDB" "$TEST_TMP/mid.db"
	"$BIN" --db "$TEST_TMP/mid.db" submit "$TEST_TMP/mid.jsonl" >/dev/null 2>&1
	"$SQLITE3" "$TEST_TMP/mid.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	"$SQLITE3" "$FULLDB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	p0=$(sql "$FULLDB" 'PRAGMA page_count')
	p1=$(sql "$TEST_TMP/mid.db" 'PRAGMA page_count')
	persons=$(sql "$FULLDB" 'SELECT count(*) FROM person')
	LD_PRELOAD=$shim REL_MAX_PAGES=$((p0 + (p1 - p0) * 8 / 10)) "$BIN" --db "$FULLDB" submit "$TEST_TMP/mid.jsonl" \
		>"$TEST_TMP/out" 2>"$TEST_TMP/err"
	RC=$?
	made=$(($(sql "$FULLDB" 'SELECT count(*) FROM person') - persons))
	is "$RC" 3 "full disk in the middle of 30,000 submissions: exit 3"
	is "$(sed -n 's/^Submissions: \([0-9]*\) created.*/\1/p' "$TEST_TMP/out")" "$made" \
		"the summary is printed and counts what was committed ($made)"
	like "$(cat "$TEST_TMP/err")" "the submissions counted above were saved" "stderr says so"
	la --db "$FULLDB" submit "$TEST_TMP/mid.jsonl"
	like "$OUT" "$((30000 - made)) created, 0 updated, $made skipped" "run again, it makes the rest"
fi

finish

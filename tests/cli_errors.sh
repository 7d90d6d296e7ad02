#!/bin/sh
# Errors as a user meets them: usage errors exit 2; a database that cannot be
# used exits 3 with one line on stderr that names the file (and leaves the
# file alone); init does not overwrite; text from the database reaches the
# terminal without raw escape sequences.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

ESC=$(printf '\033')

# one_line TEXT NAME: TEXT is exactly one line.
one_line() {
	is "$(printf '%s\n' "$1" | wc -l | tr -d ' ')" 1 "$2"
}

# esc_count TEXT: how many lines of TEXT hold a raw ESC byte.
esc_count() {
	printf '%s\n' "$1" | grep -c "$ESC"
}

"$LEADADMIN_BIN" --db "$DB" init >/dev/null 2>&1
is "$?" 0 "a database to work on"

# ------------------------------------------------------------ usage: exit 2
sum=$(checksum "$DB")
usage() {
	what=$1
	shift
	la "$@"
	is "$RC" 2 "$what: exit 2"
	one_line "$ERR" "$what: one line on stderr"
	like "$ERR" "--help" "$what: the message points to --help"
	is "$OUT" "" "$what: nothing on stdout"
}
usage "unknown global option" --db "$DB" --bogus category list
like "$ERR" "--bogus" "the message names the unknown option"
usage "unknown command option" --db "$DB" category list --bogus
like "$ERR" "--bogus" "the message names the unknown option"
usage "unknown command" --db "$DB" frobnicate
like "$ERR" "frobnicate" "the message names the unknown command"
usage "unknown list command" --db "$DB" category frobnicate
usage "missing NAME" --db "$DB" category add
usage "missing ITEM" --db "$DB" lead-status delete
usage "option without its value" --db "$DB" category list --format
usage "--db without its value" --db
like "$ERR" "option '--db' needs a value" "the message names the option that needs a value"
usage "--config without its value" --db "$DB" --config
like "$ERR" "option '--config' needs a value" "the message names --config"
usage "unknown short option" -x category list
like "$ERR" "unknown option '-x'" "the message names -x"
usage "unknown option with a value" --colour=always category list
like "$ERR" "unknown option '--colour=always'" "the message names it as typed"
usage "--help with a value" --help=all
usage "bad --format" --db "$DB" category list --format xml
like "$ERR" "xml" "the message names the bad format"
usage "bad --group" --db "$DB" category add Webinar --group planets
like "$ERR" "planets" "the message names the bad group"
usage "move without up or down" --db "$DB" category move Lead sideways
usage "extra argument" --db "$DB" category list extra
usage "unknown role" --db "$DB" user set-role somebody boss
usage "--lead-status with --no-lead-status" --db "$DB" category edit Lead --lead-status --no-lead-status
la --db "$DB" --lang fr category list
is "$RC" 2 "--lang fr: exit 2"
la --db "$DB" category
is "$RC" 2 "category without a command: exit 2"
usage "unknown user command" --db "$DB" user frobnicate
like "$ERR" "frobnicate" "the message names the unknown user command"
usage "unknown licence command" --db "$DB" licence frobnicate
usage "unknown marketing command" --db "$DB" marketing frobnicate
usage "licence enable without a NAME" --db "$DB" licence enable
usage "an option user list does not take" --db "$DB" user list --role user
is "$(checksum "$DB")" "$sum" "the usage errors changed nothing"

# ------------------------------------------------------------ subcommands
# Every command with subcommands: without one, or with only options where
# it belongs, the usage goes to stderr with exit 2 (exactly: such a call
# once read a subcommand that was never set and died with SIGSEGV, 139);
# --help, -h and help print it on stdout with exit 0.

# contains TEXT PATTERN: exit 0 when TEXT holds the fixed string PATTERN.
contains() {
	case "$1" in *"$2"*) return 0 ;; *) return 1 ;; esac
}

sum=$(checksum "$DB")
for args in "category --deleted" "lead-status --format json" "user --role user" \
	"usergroup --description x" "licence --x" "marketing --utm on"; do
	cmd=${args%% *}
	# shellcheck disable=SC2086
	la --db "$DB" $args
	ok "$([ "$RC" -eq 2 ] && contains "$ERR" "Usage: leadadmin $cmd "; echo $?)" \
		"$args (no subcommand): its usage on stderr, exit 2 (got $RC)"
	ok "$([ -z "$OUT" ]; echo $?)" "$args (no subcommand): nothing on stdout"
	la --db "$DB" "$cmd"
	ok "$([ "$RC" -eq 2 ] && contains "$ERR" "Usage: leadadmin $cmd "; echo $?)" \
		"$cmd alone: its usage on stderr, exit 2"
	for h in --help -h help; do
		la --db "$DB" "$cmd" "$h"
		ok "$([ "$RC" -eq 0 ] && [ -z "$ERR" ] && contains "$OUT" "Usage: leadadmin $cmd "; echo $?)" \
			"$cmd $h: its usage on stdout, exit 0"
	done
done
is "$(checksum "$DB")" "$sum" "asking for usage changed nothing"

# ------------------------------------------------------------ the database: exit 3
dberr() {
	what=$1
	file=$2
	shift 2
	la "$@"
	is "$RC" 3 "$what: exit 3"
	one_line "$ERR" "$what: one line on stderr"
	like "$ERR" "$file" "$what: the message names the file"
}

dberr "a missing folder" "$TEST_TMP/nofolder/crm.db" --db "$TEST_TMP/nofolder/crm.db" category list
dberr "init in a missing folder" "$TEST_TMP/nofolder/crm.db" --db "$TEST_TMP/nofolder/crm.db" init
like "$ERR" "folder" "the message says the folder is missing"
ok "$([ ! -e "$TEST_TMP/nofolder" ]; echo $?)" "no folder was made"

# A PostgreSQL connection URI is a server's database, not a file's path:
# with no server there, the message names the URI and says why (a
# password in it shown as ***), and nothing is made (not a folder
# "postgresql:" in the working folder).
here=$(pwd)
cd "$TEST_TMP" || exit 1
for uri in 'postgresql:///crm?host=/nonexistent/postgresql' 'postgres://admin@db.invalid/crm'; do
	dberr "init --db $uri" "$uri" --db "$uri" init
	like "$ERR" "cannot connect to the PostgreSQL database" "it says that it cannot connect"
	LEADADMIN_DB=$uri
	export LEADADMIN_DB
	dberr "LEADADMIN_DB=$uri" "$uri" category list
	unset LEADADMIN_DB
done
la --db 'postgresql://admin:s3cret@db.invalid/crm' category list
like "$ERR" "postgresql://admin:***@db.invalid/crm" "a password in the URI is shown as ***"
unlike "$ERR" "s3cret" "and not as itself"
la --db 'postgresql:///crm?host=/nonexistent&password=s3cret&sslmode=disable' category list
like "$ERR" "?host=/nonexistent&password=***&sslmode=disable" "a password= parameter is shown as *** too"
unlike "$ERR" "s3cret" "and not as itself"
# --shared is for a file: on a server, roles share the database.
la --db 'postgresql:///crm?host=/nonexistent/postgresql' init --shared
is "$RC" 2 "init --shared of a PostgreSQL URI is a usage error (exit 2)"
like "$ERR" "--shared is for a database file" "it says that --shared is for a file"
dberr "a URI in capitals" "POSTGRESQL:///crm" --db POSTGRESQL:///crm init
like "$ERR" "in small letters" "it says how libpq spells it"
ok "$([ ! -e postgresql: ] && [ ! -e postgres: ] && [ ! -e POSTGRESQL: ]; echo $?)" "no file or folder was made for a URI"
cd "$here" || exit 1

dberr "a missing file for --db" "$TEST_TMP/typo.db" --db "$TEST_TMP/typo.db" category list
like "$ERR" "init" "the message says how to make one"
ok "$([ ! -e "$TEST_TMP/typo.db" ]; echo $?)" "no database was made"
dberr "a change on a missing file" "$TEST_TMP/typo.db" --db "$TEST_TMP/typo.db" category add Webinar
ok "$([ ! -e "$TEST_TMP/typo.db" ]; echo $?)" "still no database"

mkdir "$TEST_TMP/junk"
head -c 4096 /dev/urandom >"$TEST_TMP/junk/garbage.db" 2>/dev/null ||
	dd if=/dev/urandom of="$TEST_TMP/junk/garbage.db" bs=4096 count=1 2>/dev/null
cp "$TEST_TMP/junk/garbage.db" "$TEST_TMP/garbage.copy"
dberr "a garbage file" "garbage.db" --db "$TEST_TMP/junk/garbage.db" category list
like "$ERR" "not a SQLite database" "the message says it is not a database"
dberr "a change on a garbage file" "garbage.db" --db "$TEST_TMP/junk/garbage.db" category add Webinar
ok "$(cmp -s "$TEST_TMP/junk/garbage.db" "$TEST_TMP/garbage.copy"; echo $?)" "the garbage file is byte-identical"
is "$(ls "$TEST_TMP/junk")" "garbage.db" "no journal or other file was left next to it"
printf 'This is my shopping list, not a database.\n' >"$TEST_TMP/text.db"
dberr "a text file" "text.db" --db "$TEST_TMP/text.db" category list
is "$(cat "$TEST_TMP/text.db")" "This is my shopping list, not a database." "the text file is unchanged"
la --db "$TEST_TMP/text.db" init
is "$RC" 1 "init does not overwrite a text file"
is "$(cat "$TEST_TMP/text.db")" "This is my shopping list, not a database." "the text file is still unchanged"

NEWER="$TEST_TMP/newer.db"
"$LEADADMIN_BIN" --db "$NEWER" init >/dev/null 2>&1
sql "$NEWER" 'PRAGMA user_version = 99'
md5=$(md5sum <"$NEWER")
dberr "a newer schema" "newer.db" --db "$NEWER" category list
like "$ERR" "newer" "the message says the database is newer"
dberr "a change on a newer schema" "newer.db" --db "$NEWER" category add Webinar
is "$(sql "$NEWER" 'PRAGMA user_version')" 99 "the newer database keeps its version"
is "$(md5sum <"$NEWER")" "$md5" "the newer database is byte-identical"
is "$(sql "$NEWER" "SELECT count(*) FROM category WHERE name = 'Webinar'")" 0 "nothing was added to it"

if [ "$(id -u)" -eq 0 ]; then
	for c in 1 2 3 4 5; do
		ok 0 "a read-only database (check $c) # SKIP running as root, which may write to a 0444 file"
	done
else
	RO="$TEST_TMP/ro.db"
	"$LEADADMIN_BIN" --db "$RO" init >/dev/null 2>&1
	chmod 444 "$RO"
	sum=$(checksum "$RO")
	dberr "a read-only database" "ro.db" --db "$RO" category add Webinar
	like "$ERR" "read-only" "the message says the database is read-only"
	is "$(checksum "$RO")" "$sum" "the read-only database is unchanged"
	chmod 644 "$RO"
fi

# A database locked by another program, past a short busy timeout.
printf '[database]\nbusy_timeout = 200\n' >"$TEST_TMP/fast.ini"
LOCKED="$TEST_TMP/locked.db"
"$LEADADMIN_BIN" --db "$LOCKED" init >/dev/null 2>&1
# The holder reads its SQL from one fifo and answers through another, so
# the test waits for its answer with a blocking read (no sleep, no polling).
mkfifo "$TEST_TMP/to-holder" "$TEST_TMP/from-holder"
"$SQLITE3" -batch "$LOCKED" <"$TEST_TMP/to-holder" >"$TEST_TMP/from-holder" 2>&1 &
holder=$!
exec 9>"$TEST_TMP/to-holder"
exec 8<"$TEST_TMP/from-holder"
printf "BEGIN EXCLUSIVE;\nINSERT INTO setting VALUES ('lock-test', 'x');\nSELECT 'holding';\n" >&9
answer=
read -r answer <&8
is "$answer" holding "another program holds a write lock"
dberr "a locked database" "locked.db" --config "$TEST_TMP/fast.ini" --db "$LOCKED" category add Webinar
like "$ERR" "locked" "the message says the database is locked"
# (Only a holder that answered still reads; writing to one that quit
# would kill this script with SIGPIPE.)
[ "$answer" = holding ] && printf 'ROLLBACK;\n.quit\n' >&9
exec 9>&-
cat <&8 >/dev/null
exec 8<&-
wait "$holder"
is "$(sql "$LOCKED" "SELECT count(*) FROM category WHERE name = 'Webinar'")" 0 "nothing was added to the locked database"
la --config "$TEST_TMP/fast.ini" --db "$LOCKED" category add Webinar
is "$RC" 0 "once the lock is gone the change goes through"

# ------------------------------------------------------------ init does not overwrite
sum=$(checksum "$DB")
la --db "$DB" init
is "$RC" 1 "init on an existing database exits 1"
like "$ERR" "already exists" "it says the database exists"
one_line "$ERR" "one line on stderr"
is "$(checksum "$DB")" "$sum" "the existing database is unchanged"
la --db "$DB" init --demo --language de
is "$RC:$(checksum "$DB")" "1:$sum" "init --demo --language de on it: exit 1, unchanged"

# ------------------------------------------------------------ escape sequences from the database
sql "INSERT INTO category (name, rank, tooltip, category_group, enable_lead_status)
	VALUES ('Evil' || $(chr)(27) || '[31mRed', 90, 'osc' || $(chr)(27) || ']0;pwned' || $(chr)(7) || 'end', 2, 1)$(keys_filled category)"
is "$(sql "SELECT CASE WHEN instr(name, $(chr)(27)) > 0 THEN 1 ELSE 0 END FROM category WHERE rank = 90")" 1 "the database holds a raw ESC in a name"
evil=$(sql "SELECT category_id FROM category WHERE rank = 90")
la --db "$DB" category list
is "$RC" 0 "category list with escape sequences in the data exits 0"
is "$(esc_count "$OUT")" 0 "category list prints no raw ESC byte"
like "$OUT" "Evil␛[31mRed" "the ESC in the name is shown visibly (␛)"
like "$OUT" "osc␛]0;pwned" "the OSC in the description is shown visibly"
unlike "$OUT" "$(printf '\007')" "no raw BEL either"
la --db "$DB" category list --format tsv
is "$(esc_count "$OUT")" 0 "the tsv output has no raw ESC byte"
is "$(printf '%s\n' "$OUT" | awk -F'\t' 'NF != 9' | wc -l | tr -d ' ')" 0 "the tsv output keeps its columns"
la --db "$DB" category list --format json
is "$(esc_count "$OUT")" 0 "the json output has no raw ESC byte"
like "$OUT" '\u001b[31m' "the json output escapes ESC as \\u001b"
la --db "$DB" setup-check
is "$(esc_count "$OUT")" 0 "setup-check, naming the category, prints no raw ESC"
la --db "$DB" category delete "$evil"
is "$RC" 0 "deleting the item by id works"
is "$(esc_count "$OUT$ERR")" 0 "the confirmation prints no raw ESC"
like "$OUT" "Evil␛[31mRed" "the confirmation shows the name visibly"
la --db "$DB" category edit "$evil" --description plain
is "$(esc_count "$OUT$ERR")" 0 "an edit of that item prints no raw ESC, whatever its outcome"
la --db "$DB" category add "Lead${ESC}[2J"
is "$RC" 1 "a new name with an escape sequence is refused"
is "$(esc_count "$ERR")" 0 "the refusal prints no raw ESC"
is "$(sql "SELECT count(*) FROM category WHERE instr(name, '[2J') > 0")" 0 "and nothing was stored"
sql "UPDATE leadstatus SET name = 'Tab' || $(chr)(9) || 'and' || $(chr)(10) || 'newline' WHERE name = 'Re-nurture'$(keys_filled leadstatus)"
la --db "$DB" lead-status list --format tsv
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "$(($(sql 'SELECT count(*) FROM leadstatus WHERE deleted = 0') + 1))" \
	"a line break in a name does not break a tsv line"
is "$(printf '%s\n' "$OUT" | awk -F'\t' 'NF != 7' | wc -l | tr -d ' ')" 0 "a tab in a name does not add a tsv column"

finish

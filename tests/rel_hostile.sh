#!/bin/sh
# Reliability 5: hostile data, round two. Every byte that leaves the
# program goes through the escaping of its format:
#   - A database poisoned through sqlite3 (every text column of every
#     table gets ESC sequences, OSC 52, BEL, C1 controls raw and in UTF-8,
#     bytes that are not UTF-8, U+202E, U+200B, quotes, backslashes, tabs
#     and line ends) runs through every command that prints, in every
#     format; stdout and stderr are checked by tests/bytescan (ESC, BEL,
#     C0, DEL, C1, invalid UTF-8, bidi and hidden characters), JSON also
#     by a strict parser, TSV lines by their number of fields.
#   - The same bytes typed as command-line values, file names, options
#     and INI section and key names come back only escaped.
#   - Every printing command with stdout on /dev/full exits non-zero and
#     says so in one line.
#   - Files the program did not make, a damaged file, SQLite's URIs and
#     in-memory name, a configuration of 3 MB, German without its
#     catalogue, a negative schema version.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

BIN=$LEADADMIN_BIN
SCAN=${top_builddir:-.}/tests/bytescan
[ -x "$SCAN" ] || { echo "Bail out! $SCAN is missing (make check builds it)"; exit 99; }
ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"

# The poison: OSC 52 (set the clipboard), clear screen, red, BEL, CSI as
# a C1 control in UTF-8 and as a raw byte, two bytes that are not UTF-8,
# U+202E, U+200B, a quote, a backslash, tab, line end, carriage return.
POISON='\033]52;c;ZW4=\007\033[2J\033[31m\007\302\233\233\377\376\342\200\256\342\200\213"\\\t\n\r'
# shellcheck disable=SC2059 # the escapes are the point
HEX=$(printf "$POISON" | od -An -tx1 | tr -d ' \n')
# As a command-line value (argv cannot end in a line end here).
# shellcheck disable=SC2059
P=$(printf "$POISON")

# ---------------------------------------------------------------- set-up
la --db "$DB" init --demo
la --db "$DB" licence enable marketing-premium
la --db "$DB" user add anna --name "Anna Admin" --role list-admin
la --db "$DB" user add bert --name "Bert Sales"
la --db "$DB" usergroup add Sales
la --db "$DB" user edit anna --group Sales
la --db "$DB" marketing set --utm on --form-category Lead --distribute associates \
	--associates anna,bert --fallback anna
la --db "$DB" category add Gone --description "to be deleted"
la --db "$DB" category delete Gone --yes
i=0
while [ $i -lt 12 ]; do
	printf '{"id": "h-%d", "email": "h%d@example.org", "firstname": "F%d", "lastname": "L%d", "company": "Co %d", "url": "https://example.org/?utm_source=src%d&utm_campaign=camp%d", "referrer": "https://ref.example/"}\n' \
		$i $i $i $i $((i % 3)) $i $i
	i=$((i + 1))
done >"$TEST_TMP/subs.jsonl"
la --db "$DB" submit "$TEST_TMP/subs.jsonl"
is "$RC" 0 "set-up: a database with every kind of row"

# poison DB EXCLUDE: appends the poison to every text value of every
# column of every table, except the columns in EXCLUDE ("table.column").
poison() {
	sql "$1" "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%'" >"$TEST_TMP/columns"
	while IFS= read -r tc; do
		case " $2 " in *" $tc "*) continue ;; esac
		t=${tc%%.*}
		c=${tc#*.}
		n=$(sql "$1" "UPDATE \"$t\" SET \"$c\" = \"$c\" || X'$HEX' WHERE typeof(\"$c\") = 'text';
			SELECT changes()" 2>/dev/null)
		[ "${n:-0}" -gt 0 ] && texts=$((texts + 1))
	done <"$TEST_TMP/columns"
}
texts=0

FULL=$TEST_TMP/full.db
DATA=$TEST_TMP/data.db
cp "$DB" "$FULL"
cp "$DB" "$DATA"
poison "$FULL" ""
full_texts=$texts
# The logins and the settings stay readable here, so that the program
# acts as its admin and shows the marketing settings with their logins.
poison "$DATA" "associate.name setting.key setting.value licence.name"
is "$(sql "$FULL" "SELECT count(*) FROM category WHERE instr(name, char(27)) > 0") $(sql "$FULL" "SELECT count(*) FROM category")" \
	"$(sql "$FULL" "SELECT count(*) FROM category") $(sql "$FULL" "SELECT count(*) FROM category")" \
	"the poison is in every category name"

# scan NAME MODE: stdout and stderr of the last `la` are safe output; MODE
# is table, tsv (tabs allowed, every line the header's number of fields)
# or json (one JSON document).
scanned=0
scan() {
	scanned=$((scanned + 1))
	case $2 in
	tsv) found=$("$SCAN" --tabs "$TEST_TMP/out" 2>&1) ;;
	json) found=$("$SCAN" --json "$TEST_TMP/out" 2>&1) ;;
	*) found=$("$SCAN" "$TEST_TMP/out" 2>&1) ;;
	esac
	found="$found$("$SCAN" "$TEST_TMP/err" 2>&1)"
	if [ "$2" = tsv ] && [ -s "$TEST_TMP/out" ]; then
		bad=$(awk -F '\t' 'NR == 1 { n = NF } NF != n { print "line " NR ": " NF " fields, not " n; exit }' \
			"$TEST_TMP/out")
		found="$found$bad"
	fi
	is "$found" "" "$1 (exit $RC)"
}

# every command that prints, in every format, on both poisoned databases
for db in FULL DATA; do
	eval "d=\$$db"
	for list in category lead-status usergroup; do
		for fmt in table tsv json; do
			la --db "$d" $list list --format $fmt
			scan "$db: $list list --format $fmt" $fmt
			la --db "$d" $list list --deleted --format $fmt
			scan "$db: $list list --deleted --format $fmt" $fmt
		done
	done
	for fmt in table tsv json; do
		la --db "$d" leads --format $fmt
		scan "$db: leads --format $fmt" $fmt
		la --db "$d" leads --status 1 --format $fmt
		scan "$db: leads --status 1 --format $fmt" $fmt
		la --db "$d" log --format $fmt --limit 0
		scan "$db: log --format $fmt" $fmt
		la --db "$d" log --format $fmt --list category
		scan "$db: log --list category --format $fmt" $fmt
	done
	la --db "$d" export
	scan "$db: export" json
	printf '%s\n' "$OUT" >"$TEST_TMP/$db.json"
	la --db "$d" export "$TEST_TMP/$db-file.json"
	cp "$TEST_TMP/$db-file.json" "$TEST_TMP/out"
	scan "$db: export FILE" json
	la --db "$d" user list
	scan "$db: user list" table
	la --db "$d" licence list
	scan "$db: licence list" table
	la --db "$d" marketing show
	scan "$db: marketing show" table
	la --db "$d" setup-check
	scan "$db: setup-check" table
	la --db "$d" import --dry-run "$TEST_TMP/$db.json"
	scan "$db: import --dry-run of its own export" table
done

# The changes print the stored names too: on a copy, as its admin.
W=$TEST_TMP/write.db
cp "$DATA" "$W"
# the other users' logins poisoned too: the owners of new contacts
sql "$W" "UPDATE associate SET name = name || X'$HEX' WHERE name IN ('anna', 'bert')"
la --db "$W" marketing show
scan "marketing show with poisoned logins" table
like "$OUT" "anna␛]52" "marketing show names the distribute and fallback logins, visibly"
id=$(sql "$W" "SELECT category_id FROM category WHERE deleted = 0 ORDER BY rank LIMIT 1")
la --db "$W" category edit "$id" --description "plain"
is "$RC" 0 "a poisoned item is edited by its id"
scan "edit: the success line" table
la --db "$W" category move "$id" down
scan "move" table
la --db "$W" category delete "$id" --yes
scan "delete" table
la --db "$W" category delete "$id" --yes
scan "delete again (the refusal quotes the name)" table
la --db "$W" category restore "$id"
scan "restore" table
la --db "$W" lead-status default "$(sql "$W" "SELECT leadstatus_id FROM leadstatus ORDER BY rank DESC LIMIT 1")"
scan "lead-status default" table
la --db "$W" add-defaults
scan "add-defaults" table
printf '{"id": "h-new", "email": "new@example.org", "lastname": "N", "company": "C"}\n{"id": 1, "email": "x@y.z", "submitted": "%s"}\n' "$P" >"$TEST_TMP/one.jsonl"
la --db "$W" submit "$TEST_TMP/one.jsonl"
scan "submit: the summary names a poisoned login, a rejection quotes a value" table
is "$(printf '%s\n' "$OUT" | grep -c 'assigned to') $(printf '%s\n' "$ERR" | grep -c 'rejected')" "1 2" \
	"submit: a line assigned to a login, two rejected lines"
la --db "$W" backup "$TEST_TMP/copy.db"
scan "backup" table
is "$scanned" 84 "84 runs scanned"
note=$(printf '%s columns held text and were poisoned, %s runs scanned' "$full_texts" "$scanned")
ok 0 "$note"

# what the formats keep: JSON gives the stored text back, TSV escapes it
la --db "$DATA" category list --format json
got=$(sql :memory: "SELECT hex(json_extract(readfile('$TEST_TMP/out'), '\$[0].name'))")
want=$(sql "$DATA" "SELECT hex(name) FROM category WHERE deleted = 0 ORDER BY rank LIMIT 1")
# a byte that is not UTF-8 has no JSON spelling: it comes back as U+FFFD
want=$(printf '%s' "$want" | sed 's/9BFFFE/EFBFBDEFBFBDEFBFBD/')
is "$got" "$want" "JSON gives the stored name back (a bad byte as U+FFFD)"
la --db "$DATA" category list --format tsv
like "$OUT" '\x1b]52;c;ZW4=\x07\x1b[2J\x1b[31m\x07\xc2\x9b\x9b\xff\xfe\xe2\x80\xae\xe2\x80\x8b"\\\t\n\r' \
	"TSV escapes as COPY's text format does"
la --db "$DATA" category list
like "$OUT" "␛]52;c;ZW4=␇␛[2J␛[31m␇��" "the table shows controls as pictures"
like "$OUT" "<U+202E><U+200B>\"\\␉␊␍" "and bidi and zero-width characters by number"

# ---------------------------------------------------------------- typed bytes
# checked AS: the last run is a usage error or refusal quoting P escaped
typed() {
	scan "typed: $1" table
	is "$RC:$(printf '%s' "$ERR" | grep -c .)" "$2:1" "typed: $1: exit $2 and one line on stderr"
}
la --db "$DB" category list --format "$P"
typed "--format VALUE" 2
la --db "$DB" --lang "$P" category list
typed "--lang VALUE" 2
la --db "$DB" "--bogus$P" category list
typed "an unknown global option" 2
la --db "$DB" category list "--deleted$P"
typed "an unknown option of a command" 2
la --db "$DB" "$P"
typed "an unknown command" 2
la --db "$DB" category "$P"
typed "an unknown subcommand" 2
la --db "$DB" log --since "$P"
typed "log --since VALUE" 2
la --db "$DB" log --list "$P"
typed "log --list VALUE" 2
la --db "$DB" user edit anna --group "$P"
typed "user edit --group VALUE" 1
la --db "$DB" user add "$P"
typed "user add LOGIN" 1
la --db "$DB" marketing set --associates "anna,$P"
typed "marketing set --associates LOGINS" 1
la --db "$DB" marketing set --fallback "$P"
typed "marketing set --fallback LOGIN" 1
la --db "$DB" import "$TEST_TMP/$P"
typed "import FILE (missing)" 1
la --db "$DB" submit "$TEST_TMP/$P"
typed "submit FILE (missing)" 1
la --db "$DB" export "$TEST_TMP/nofolder/$P"
typed "export FILE (cannot be written)" 1
la --db "$TEST_TMP/$P.db" category list
typed "--db PATH (missing)" 3
la --db "$DB" category add "$P"
typed "category add NAME" 1
la --db "$DB" category edit "$P"
typed "category edit ITEM (not found)" 1
la --db "$DB" licence enable "$P"
typed "licence enable NAME" 1
la --db "$DB" backup "$TEST_TMP/nofolder/$P"
typed "backup FILE" 3
printf '[database]\nbusy_timeout = 100\n[%s]\nkey = 1\n[ui]\n%s = 1\n' "$P" "k$P" >"$TEST_TMP/p.ini"
la --config "$TEST_TMP/p.ini" --db "$DB" category list
scan "INI section and key names in the warnings" table
is "$RC:$(printf '%s\n' "$ERR" | grep -c warning)" "0:2" "two warnings, the command runs"
# (a value that ends in a backslash continues on the next line)
printf '[ui]\ntheme = %sx\n' "$P" >"$TEST_TMP/v.ini"
la --config "$TEST_TMP/v.ini" --db "$DB" category list
typed "an INI value" 2

# ---------------------------------------------------------------- long names
long=$(awk 'BEGIN { for (i = 0; i < 239; i++) printf "\360\235\224\204" }')
la --db "$DB" category add "$long"
like "$OUT" "' (id " "a success line keeps its id after a name of 239 four-byte characters"
is "$(printf '%s' "$OUT" | wc -l):$("$SCAN" "$TEST_TMP/out" && echo clean)" "0:clean" "on one line, whole characters"

# ---------------------------------------------------------------- bidi in e-mail
printf '{"id": "z1", "email": "max@example.org", "lastname": "Max"}\n{"id": "z2", "email": "max\342\200\213@example.org", "lastname": "Max"}\n{"id": "z3", "email": "max@example.org\342\200\256", "lastname": "Max"}\n' \
	>"$TEST_TMP/bidi.jsonl"
la --db "$DB" submit "$TEST_TMP/bidi.jsonl"
is "$RC:$(sql "SELECT count(*) FROM email WHERE email_address LIKE 'max%'")" "1:1" \
	"a zero-width space or U+202E in an e-mail address is rejected, no second person"
like "$ERR" "invisible or direction-changing" "and the rejection says why"
like "$ERR" ":2: rejected" "for line 2"
like "$ERR" ":3: rejected" "and line 3"

# ---------------------------------------------------------------- /dev/full
if [ -w /dev/full ]; then
	full() {
		"$BIN" "$@" >/dev/full 2>"$TEST_TMP/err"
		RC=$?
		ERR=$(cat "$TEST_TMP/err")
		is "$([ "$RC" -ne 0 ] && echo failed):$(printf '%s\n' "$ERR" | grep -c 'standard output: writing failed')" \
			"failed:1" "stdout on /dev/full: $* (exit $RC, one line)"
	}
	for fmt in table tsv json; do
		full --db "$DB" category list --format $fmt
		full --db "$DB" lead-status list --format $fmt
		full --db "$DB" usergroup list --format $fmt
		full --db "$DB" leads --format $fmt
		full --db "$DB" leads --status 1 --format $fmt
		full --db "$DB" log --format $fmt
	done
	full --db "$DB" user list
	full --db "$DB" licence list
	full --db "$DB" marketing show
	full --db "$DB" setup-check
	full --db "$DB" export
	"$BIN" --db "$DB" export "$TEST_TMP/own.json"
	full --db "$DB" import --dry-run "$TEST_TMP/own.json"
	full --db "$DB" submit "$TEST_TMP/subs.jsonl"
	full --db "$DB" add-defaults
	full --db "$DB" backup "$TEST_TMP/full-copy.db"
	full --db "$DB" category edit Lead --description "written to /dev/full"
	full --db "$DB" category add "Full disk"
	full --db "$DB" category move "Full disk" up
	full --db "$DB" category delete "Full disk" --yes
	full --db "$DB" category restore "Full disk"
	full --db "$DB" lead-status default Contacting
	full --db "$DB" usergroup add "Full group"
	full --db "$DB" user add carla
	full --db "$DB" user edit carla --name "Carla C"
	full --db "$DB" user set-role carla user
	full --db "$DB" licence enable marketing-premium
	full --db "$DB" marketing set --utm on
	full --db "$TEST_TMP/new.db" init
	full --help
	full --version
	full category --help
	full log --help
else
	ok 0 "stdout on /dev/full # SKIP /dev/full is not writable here"
fi

# ---------------------------------------------------------------- submit of a folder
la --db "$DB" submit "$TEST_TMP"
is "$RC" 1 "submit of a folder exits 1"
like "$ERR" "is a folder" "and says it is a folder"
"$BIN" --db "$DB" submit <"$TEST_TMP" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?:$(cat "$TEST_TMP/err")" "1:leadadmin: -: is a folder, not a file of submissions" \
	"so does a folder as standard input"

# ---------------------------------------------------------------- files not made by the program
DEF=$XDG_DATA_HOME/leadadmin
la category list
is "$RC" 0 "the default database is made"
chmod 666 "$DEF/crm.db"
la category list
is "$RC" 3 "a default database that others may write is refused"
like "$ERR" "run: chmod go-w $DEF/crm.db" "with the chmod to run"
chmod 600 "$DEF/crm.db"
chmod 777 "$DEF"
la category list
is "$RC:$ERR" "3:leadadmin: $DEF: others may write to it, so it is not used; run: chmod go-w $DEF" \
	"so is its folder at 0777"
chmod 700 "$DEF"
mv "$DEF" "$DEF.real"
ln -s "$DEF.real" "$DEF"
la category list
is "$RC" 3 "a symbolic link for the folder is refused"
like "$ERR" "symbolic link" "and says so"
rm "$DEF"
mv "$DEF.real" "$DEF"
mv "$DEF/crm.db" "$DEF/real.db"
ln -s "$TEST_TMP/nothing-here.db" "$DEF/crm.db"
la category list
is "$RC:$([ -e "$TEST_TMP/nothing-here.db" ] && echo made)" "3:" "a dangling link for the file is refused, nothing made at its end"
rm "$DEF/crm.db"
mv "$DEF/real.db" "$DEF/crm.db"
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	chown nobody "$DEF/crm.db"
	la category list
	is "$RC" 3 "a default database of another user is refused"
	like "$ERR" "run: chown $ME $DEF/crm.db" "with the chown to run"
	chown "$ME" "$DEF/crm.db"
else
	ok 0 "another user's default database # SKIP needs root to give the file away"
	ok 0 "another user's default database (message) # SKIP needs root"
fi
la category list
is "$RC" 0 "put right, the default database is used again"

mkdir "$TEST_TMP/open"
chmod 777 "$TEST_TMP/open"
printf '[database]\npath = %s\n' "$TEST_TMP/evil.db" >"$TEST_TMP/open/leadadmin.ini"
chmod 644 "$TEST_TMP/open/leadadmin.ini"
la --config "$TEST_TMP/open/leadadmin.ini" category list
is "$RC:$ERR" "2:leadadmin: $TEST_TMP/open: others may write to it, so it is not used; run: chmod go-w $TEST_TMP/open" \
	"a 0644 configuration in a 0777 folder is refused"
chmod 1777 "$TEST_TMP/open"
la --config "$TEST_TMP/open/leadadmin.ini" --db "$DB" category list
is "$RC" 0 "in a sticky folder (as /tmp) it is read"
mkfifo "$TEST_TMP/fifo.ini"
# (a program that opens it to read waits for a writer: at most 10 s here)
T=
command -v timeout >/dev/null 2>&1 && T="timeout 10"
$T "$BIN" --config "$TEST_TMP/fifo.ini" --db "$DB" category list >"$TEST_TMP/out" 2>"$TEST_TMP/err"
RC=$?
ERR=$(cat "$TEST_TMP/err")
is "$RC:$ERR" "2:leadadmin: $TEST_TMP/fifo.ini: the configuration file is not a regular file" \
	"a configuration that is no regular file is refused, without waiting for a writer"

la --db ":memory:" init
is "$RC:$ERR" "2:leadadmin: ':memory:' is not a database file: give a file path (./:memory: is a file of that name)" \
	"--db :memory: is refused"
(cd "$TEST_TMP" && "$BIN" --db "file:uri.db" init >/dev/null 2>&1 &&
	"$BIN" --db "file:uri.db" category list --format tsv >"$TEST_TMP/out" 2>&1)
is "$?:$([ -f "$TEST_TMP/file:uri.db" ] && echo file):$([ -e "$TEST_TMP/uri.db" ] && echo uri)" "0:file:" \
	"--db file:uri.db is the file of that name, not a URI"
(cd "$TEST_TMP" && "$BIN" --db "file:uri.db" backup "file:b.db" >/dev/null 2>&1)
is "$?:$(sql "$TEST_TMP/file:b.db" "PRAGMA integrity_check")" "0:ok" "and backup writes the file of that name"

# ---------------------------------------------------------------- damage
D=$TEST_TMP/damaged.db
cp "$DB" "$D"
i=0
{
	printf '{"format": "leadadmin-lists", "version": 2, "lead_statuses": [], "user_groups": [], "categories": ['
	while [ $i -lt 300 ]; do
		[ $i -gt 0 ] && printf ','
		printf '{"name": "Item %03d", "group": "customer", "description": "%0100d"}' $i 0
		i=$((i + 1))
	done
	printf ']}'
} >"$TEST_TMP/items.json"
la --db "$D" import "$TEST_TMP/items.json"
is "$RC" 0 "set-up: 300 categories imported (several pages)"
sql "$D" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
page=$(sql "$D" "SELECT pageno FROM dbstat WHERE name = 'category' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1")
size=$(sql "$D" "PRAGMA page_size")
printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' |
	dd of="$D" bs=1 seek=$(((page - 1) * size + 8)) conv=notrunc 2>/dev/null
before=$(md5sum <"$D")
la --db "$D" category list
is "$RC" 3 "one damaged page of the category list: list exits 3"
la --db "$D" category add Fresh
is "$RC:$(md5sum <"$D")" "3:$before" "category add on that file exits 3 and changes nothing"
like "$ERR" "is damaged" "it says the file is damaged"
like "$ERR" "Restore a backup" "what to do"
like "$ERR" "PRAGMA quick_check says: On tree page $page" "and what quick_check found"
# A command that meets no damage: its own tables are checked and sound.
la --db "$D" lead-status add Fresh
is "$RC:$(sql "$D" "PRAGMA quick_check(leadstatus)")" "0:ok" \
	"a change to another list, whose pages are sound, goes ahead"
like "$(sql "$D" "PRAGMA quick_check(category)" 2>/dev/null)" "On tree page $page" "and the damaged page is left as it was"

# ---------------------------------------------------------------- configuration size
awk 'BEGIN { print "[ui]"; for (i = 0; i < 200000; i++) printf "key%d = value %d\n", i, i }' >"$TEST_TMP/big.ini"
t0=$(date +%s%N)
la --config "$TEST_TMP/big.ini" --db "$DB" category list
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
is "$RC" 2 "a configuration of $(($(wc -c <"$TEST_TMP/big.ini") / 1024)) KB with 200,000 keys is refused"
like "$ERR" "over 1 MB" "it says why"
ok "$([ $ms -lt 5000 ] && echo 0 || echo 1)" "at once: in $ms ms"
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "[s%d]\n", i }' >"$TEST_TMP/sections.ini"
t0=$(date +%s%N)
la --config "$TEST_TMP/sections.ini" --db "$DB" category list
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
is "$RC" 2 "50,000 sections in $(($(wc -c <"$TEST_TMP/sections.ini") / 1024)) KB are refused"
like "$ERR" "50000 sections and keys" "it says how many"
ok "$([ $ms -lt 5000 ] && echo 0 || echo 1)" "at once: in $ms ms"
awk 'BEGIN { print "[ui]"; for (i = 0; i < 999; i++) printf "key%d = value %d\n", i, i }' >"$TEST_TMP/many.ini"
la --config "$TEST_TMP/many.ini" --db "$DB" category list
is "$RC:$(printf '%s\n' "$ERR" | grep -c warning)" "0:11" "999 unknown keys: ten warnings and one with the count"
like "$ERR" "989 more unknown sections or keys are ignored" "the count"

# ---------------------------------------------------------------- German without its catalogue
mkdir -p "$TEST_TMP/noloc"
LEADADMIN_LOCALEDIR=$TEST_TMP/noloc "$BIN" --lang de --db "$DB" category list >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?:$(grep -c 'German messages are not installed' "$TEST_TMP/err")" "0:1" \
	"--lang de without the catalogue says so, once"
printf '[ui]\nlanguage = de\n' >"$TEST_TMP/de.ini"
LEADADMIN_LOCALEDIR=$TEST_TMP/noloc "$BIN" --config "$TEST_TMP/de.ini" --db "$DB" category list >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$(grep -c 'German messages are not installed' "$TEST_TMP/err")" 1 "so does [ui] language = de"
LEADADMIN_LOCALEDIR=$TEST_TMP/noloc "$BIN" --lang en --db "$DB" category list >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$(cat "$TEST_TMP/err")" "" "English needs no catalogue"
if [ -f "${top_builddir:-.}/locale/de/LC_MESSAGES/leadadmin.mo" ]; then
	(unset LEADADMIN_LOCALEDIR; "$BIN" --lang de --help >"$TEST_TMP/out" 2>"$TEST_TMP/err")
	like "$(cat "$TEST_TMP/out")" "Aufruf: leadadmin" "from the build folder, the build's catalogue is found"
else
	ok 0 "the build's catalogue # SKIP not built beside the program"
fi

# ---------------------------------------------------------------- schema version
cp "$DB" "$TEST_TMP/neg.db"
sql "$TEST_TMP/neg.db" "PRAGMA user_version = -5"
la --db "$TEST_TMP/neg.db" category list
is "$RC:$ERR" "3:leadadmin: $TEST_TMP/neg.db: unknown schema version -5; it was left untouched" \
	"user_version -5 is an unknown schema version"

finish

#!/bin/sh
# The layers of DESIGN §2, checked by grep: src/ never includes curses; ui/
# writes no SQL, calls no SQLite and never reaches the store (db.h, db_*);
# the domain reaches SQLite only through the store;
# only the list module tells the lists apart; the store (db, schema, backup,
# audit) includes no domain header; the command line writes no SQL. A rule that fails names every place
# (file:line) in its TAP line and shows the lines below it.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 99
if [ ! -f src/db.c ] || [ ! -d ui ]; then
	echo "Bail out! no source tree at $top_srcdir"
	exit 99
fi

# sources DIR...: the C files and headers under DIR, one a line.
sources() {
	find "$@" -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null | LC_ALL=C sort
}

# rule NAME DIRECTIVE FILES PATTERN: one TAP line; PATTERN (grep -E) must
# match nowhere in FILES (newline-separated). DIRECTIVE is "" or a TAP
# directive ("TODO why") for a rule that waits for other work.
rule() {
	name=$1
	directive=${2:+ # $2}
	files=$3
	pattern=$4
	hits=
	[ -n "$files" ] && hits=$(printf '%s\n' "$files" | tr '\n' '\0' | xargs -0 grep -nE -- "$pattern" /dev/null)
	_n=$((_n + 1))
	if [ -z "$hits" ]; then
		echo "ok $_n - $name$directive"
		return
	fi
	places=$(printf '%s\n' "$hits" | cut -d: -f1,2 | tr '\n' ' ' | sed 's/ $//')
	echo "not ok $_n - $name: $places$directive"
	printf '%s\n' "$hits" | sed 's/^/#   /'
	[ -n "$directive" ] || _failed=$((_failed + 1))
}

# What each rule forbids (grep -E).
CURSES='^[[:space:]]*#[[:space:]]*include[[:space:]]*([<"][^>"]*curses[^>"]*\.h[>"]|<(panel|menu|form|term)\.h>)'
SQL='SELECT |INSERT INTO|UPDATE |DELETE FROM|sqlite3_|[<"]sqlite3\.h[>"]'
LIST_TEST='[=!]=[[:space:]]*LIST_(CATEGORY|LEADSTATUS)\b|\bLIST_(CATEGORY|LEADSTATUS)[[:space:]]*([=!]=|\?)|[?:][[:space:]]*LIST_(CATEGORY|LEADSTATUS)\b'
DOMAIN_HEADER='^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*/)?(rights|lists|lists_impl|listdef|users|marketing|leads|setup|porting|submit|overview|auditlog|demo|session)\.h"'
ENGINE='sqlite3_|\bSQLITE_[A-Z_]+|[<"]sqlite3\.h[>"]|\bdb_handle[[:space:]]*\(|[<"](libpq-fe|db_engine|db_pg)\.h[>"]|\bPQ[a-z][A-Za-z]*[[:space:]]*\('
STORE_USE='^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*/)?db\.h"|\bdb_[a-z0-9_]+[[:space:]]*\('

src_files=$(sources src)
ui_files=$(sources ui)
store_files=$(sources src/store; for f in src/db src/db_engine src/db_pg src/schema src/backup src/audit src/actor; do
	for ext in c h; do [ -f "$f.$ext" ] && echo "$f.$ext"; done
done)
# Everything but the list module itself (src/lists*, src/listdef*).
not_list_module=$(printf '%s\n%s\n' "$src_files" "$ui_files" | grep -vE '^src/(lists|listdef)[^/]*\.[ch]$')

rule "src/ includes no curses header" "" "$src_files" "$CURSES"
rule "ui/ writes no SQL and calls no SQLite" "" "$ui_files" "$SQL"
rule "only the list module tells the lists apart (==, !=, ?: with LIST_CATEGORY or LIST_LEADSTATUS)" \
	"" "$not_list_module" "$LIST_TEST"
rule "the store (db, schema, backup, audit) includes no domain header" "" "$store_files" "$DOMAIN_HEADER"
rule "ui/ never includes db.h or calls db_ functions" "" "$ui_files" "$STORE_USE"
rule "the domain reaches its engine only through the store (db_step, db_bind_*, db_col_*)" "" \
	"$(printf '%s\n' "$src_files" | grep -vxF "$store_files" | grep -vE '^src/dbfile\.[ch]$')" "$ENGINE"
rule "the command line writes no SQL (it calls the domain)" "" \
	"$(printf '%s\n' "$src_files" | grep -E '^src/(cli[^/]*|main)\.c$')" "$SQL|\bdb_stmt\b"

# A rule that cannot fail is no rule: each pattern on lines it must find
# (first count) and on lines it must leave alone (second).
probe() {
	is "$(printf '%s\n' "$3" | grep -cE -- "$2"):$(printf '%s\n' "$4" | grep -cE -- "$2")" \
		"$(printf '%s\n' "$3" | wc -l | tr -d ' '):0" "the pattern for $1 finds what it forbids, and only that"
}
probe "curses" "$CURSES" '#include <ncursesw/curses.h>
#include "ui/curses.h"
 #  include <panel.h>' '#include "cursor.h"
#include <stdio.h>'
probe "SQL in ui/" "$SQL" 'st = sqlite3_step(x);
"SELECT name FROM category"
#include <sqlite3.h>' 'ui_select(x);
/* Update the screen */'
probe "list tests" "$LIST_TEST" 'if (it->list == LIST_CATEGORY)
bool ls = LIST_LEADSTATUS != l;
k = l == 0 ? LIST_CATEGORY : LIST_LEADSTATUS;' 'lists_get(db, LIST_CATEGORY, id, &item, &err);
case LIST_LEADSTATUS:'
probe "domain headers in the store" "$DOMAIN_HEADER" '#include "rights.h"
#include "src/lists.h"' '#include "db.h"
#include "actor.h"'
probe "the engine in the domain" "$ENGINE" 'rc = sqlite3_step(st);
if (code == SQLITE_BUSY)
#include <sqlite3.h>
id = sqlite3_last_insert_rowid(db_handle(db));
#include <libpq-fe.h>
#include "db_engine.h"
r = PQexec(c, sql);' 'rc = db_step(st);
/* Two admins can change the file with sqlite3. */
/* PostgreSQL (PQ) */'
probe "the store in ui/" "$STORE_USE" '#include "db.h"
v = db_data_version(ui->db);' 'v = session_mark(ui->db);
struct db *db;'
finish

# Pieces the benches share (sourced by tests/bench/all.sh, log.sh,
# import.sh, drill.sh and run.sh): the same data and the same floors in
# every table. Needs SQLITE3 and a function die.

# bench_audit_rows DB ROWS: ROWS audit rows (edits and adds of categories,
# lead statuses, users and settings, a minute apart, their old and new
# values as the program stores them), in one transaction.
bench_audit_rows() {
	"$SQLITE3" -bail "$1" >/dev/null <<EOF
BEGIN IMMEDIATE;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $2)
INSERT INTO audit (at, associate_id, login, list, item_id, action, old_value, new_value)
SELECT strftime('%Y-%m-%d %H:%M:%S', '2024-01-01', '+' || (i * 60) || ' seconds'), 1,
	CASE i % 3 WHEN 0 THEN 'anna.berg' WHEN 1 THEN 'jonas.kraft' ELSE 'root' END,
	CASE i % 10 WHEN 0 THEN 'leadstatus' WHEN 1 THEN 'associate' WHEN 2 THEN 'marketing'
		ELSE 'category' END,
	CASE WHEN i % 10 = 2 THEN NULL ELSE 1 + i % 7 END,
	CASE i % 5 WHEN 0 THEN 'add' ELSE 'edit' END,
	CASE i % 5 WHEN 0 THEN NULL ELSE json_object('name', 'Item ' || (i - 1),
		'description', 'A description of item ' || i, 'rank', i % 100,
		'lead_status', json('true')) END,
	json_object('name', 'Item ' || i, 'description', 'A description of item ' || i,
		'rank', i % 100, 'lead_status', json(CASE i % 2 WHEN 0 THEN 'true' ELSE 'false' END))
FROM s;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
EOF
}

# bench_log_sql: log's statement for log --limit 0 (src/auditlog.c,
# auditlog_sql), as its EXPLAIN QUERY PLAN test pins it: through the
# index audit_at. The floor of `log`.
bench_log_sql() {
	cat <<'EOF'
SELECT a.audit_id, a.at, a.login, a.list, a.item_id, a.action, a.old_value, a.new_value,
	CASE a.list
	WHEN 'associate' THEN (SELECT name FROM associate WHERE associate_id = a.item_id)
	WHEN 'category' THEN (SELECT name FROM category WHERE category_id = a.item_id)
	WHEN 'leadstatus' THEN (SELECT name FROM leadstatus WHERE leadstatus_id = a.item_id)
	WHEN 'usergroup' THEN (SELECT name FROM usergroup WHERE usergroup_id = a.item_id)
	END FROM audit a ORDER BY a.at DESC, a.audit_id DESC LIMIT -1;
EOF
}

# bench_leads_sql [TAIL]: the contacts of lead status Open in the order of
# `leads --status Open` and the drill-down (src/overview.c); TAIL (e.g.
# "LIMIT 1 OFFSET 200") ends the statement. The floor of leads --status.
bench_leads_sql() {
	cat <<SQL
SELECT p.person_id, trim(p.firstname || ' ' || p.lastname), coalesce(k.name, ''),
	coalesce((SELECT e.email_address FROM email e WHERE e.person_id = p.person_id
		  ORDER BY e.rank, e.email_id LIMIT 1), ''),
	coalesce(a.name, ''), coalesce(u.firsttouch_source, ''), coalesce(u.firsttouch_campaign, ''),
	p.registered
FROM person p LEFT JOIN contact k ON k.contact_id = p.contact_id
LEFT JOIN associate a ON a.associate_id = p.associate_id
LEFT JOIN utm_parameters u ON u.utm_parameters_id = (SELECT min(w.utm_parameters_id)
	FROM utm_parameters w WHERE w.created_person_id = p.person_id)
WHERE p.leadstatus_id = (SELECT leadstatus_id FROM leadstatus WHERE name = 'Open')
ORDER BY p.registered DESC, p.person_id DESC ${1:-};
SQL
}

# bench_categories_json N: an export file of N categories, for import.
bench_categories_json() {
	awk -v n="$1" 'BEGIN {
	printf "{\n  \"format\": \"leadadmin-lists\",\n  \"version\": 2,\n  \"language\": \"en\",\n  \"categories\": ["
	for (i = 1; i <= n; i++)
		printf "%s\n    {\"name\": \"Category %d\", \"group\": \"potential-customer\", \"lead_status\": true, \"description\": \"The description of category %d\", \"deleted\": false}", (i > 1 ? "," : ""), i, i
	printf "\n  ],\n  \"lead_statuses\": [],\n  \"user_groups\": []\n}\n"
}'
}

# bench_import_floor_sql REF: the import's rows (its categories, its audit
# rows, read from REF, a database the import filled) into the database the
# shell runs on, as the program's own connection writes: WAL, synchronous
# FULL, foreign keys on, one transaction. The floor of import.
bench_import_floor_sql() {
	cat <<SQL
PRAGMA foreign_keys = ON;
PRAGMA synchronous = FULL;
ATTACH '$1' AS src;
BEGIN IMMEDIATE;
INSERT INTO main.category SELECT * FROM src.category
	WHERE category_id > (SELECT max(category_id) FROM main.category) ORDER BY category_id;
INSERT INTO main.audit SELECT * FROM src.audit
	WHERE audit_id > (SELECT coalesce(max(audit_id), 0) FROM main.audit) ORDER BY audit_id;
COMMIT;
SQL
}

# bench_stage_rows BASE AFTER ROWS: the rows submit added to AFTER (it
# started as a copy of BASE), as tables of their own in ROWS.
bench_stage_rows() {
	rm -f "$3"
	"$SQLITE3" -bail "$3" >/dev/null <<EOF
ATTACH '$1' AS b;
ATTACH '$2' AS a;
CREATE TABLE contact AS SELECT * FROM a.contact
	WHERE contact_id > (SELECT coalesce(max(contact_id), 0) FROM b.contact) ORDER BY contact_id;
CREATE TABLE person AS SELECT * FROM a.person
	WHERE person_id > (SELECT coalesce(max(person_id), 0) FROM b.person) ORDER BY person_id;
CREATE TABLE email AS SELECT * FROM a.email
	WHERE email_id > (SELECT coalesce(max(email_id), 0) FROM b.email) ORDER BY email_id;
CREATE TABLE form_submission AS SELECT * FROM a.form_submission
	WHERE form_submission_id > (SELECT coalesce(max(form_submission_id), 0) FROM b.form_submission)
	ORDER BY form_submission_id;
CREATE TABLE utm_parameters AS SELECT * FROM a.utm_parameters
	WHERE utm_parameters_id > (SELECT coalesce(max(utm_parameters_id), 0) FROM b.utm_parameters)
	ORDER BY utm_parameters_id;
EOF
}

# bench_bulk_sql ROWS: the bulk floor of submit: the sqlite3 shell, one
# INSERT ... SELECT a table of ROWS (made by bench_stage_rows).
bench_bulk_sql() {
	cat <<EOF
PRAGMA foreign_keys = ON;
PRAGMA synchronous = FULL;
PRAGMA temp_store = MEMORY;
ATTACH '$1' AS r;
BEGIN IMMEDIATE;
INSERT INTO main.contact SELECT * FROM r.contact ORDER BY rowid;
INSERT INTO main.person SELECT * FROM r.person ORDER BY rowid;
INSERT INTO main.email SELECT * FROM r.email ORDER BY rowid;
INSERT INTO main.form_submission SELECT * FROM r.form_submission ORDER BY rowid;
INSERT INTO main.utm_parameters SELECT * FROM r.utm_parameters ORDER BY rowid;
COMMIT;
EOF
}

# bench_build_db BIN DB PERSONS: a demo database at DB with gen.sql's
# PERSONS persons (a tenth as many companies), PERSONS audit rows, and
# Marketing Premium on (UTM transfer, Distribute to owner). Needs $here,
# q and die of the caller.
bench_build_db() {
	_bin=$1 _db=$2 _n=$3
	"$_bin" --db "$_db" init --language en --demo >/dev/null
	q -bail -cmd ".parameter set @companies $(( $_n / 10 ))" \
		-cmd ".parameter set @persons $_n" "$_db" <"$here/gen.sql" >/dev/null
	got=$(q "$_db" "SELECT count(*) FROM person")
	[ "$got" = "$_n" ] || die "$_db: built $got persons, not $_n"
	"$_bin" --db "$_db" licence enable marketing-premium >/dev/null
	"$_bin" --db "$_db" marketing set --utm on --form-category Lead \
		--distribute associates --associates anna.berg,jonas.kraft,mia.stein >/dev/null
	bench_audit_rows "$_db" "$_n"
}

# ---- shared by all.sh and pg.sh

# persons SIZE: 10k -> 10000, 1M -> 1000000.
persons() {
	case $1 in
	*[kK]) echo $(( ${1%?} * 1000 )) ;;
	*M) echo $(( ${1%?} * 1000000 )) ;;
	*[!0-9]*|'') die "not a size: $1 (e.g. 10k, 1M)" ;;
	*) echo "$1" ;;
	esac
}

# bench_tools: the screens' environment (as in tests/ui_screens.sh) with
# its HOME in $tmp, benchrun and ptytime built there with $CC, and an
# empty results file $res.
bench_tools() {
	unset NO_COLOR LANGUAGE LANG LC_MESSAGES LEADADMIN_DB LEADADMIN_CONFIG ESCDELAY COLUMNS LINES
	HOME=$tmp/home
	XDG_CONFIG_HOME=$HOME/.config
	XDG_DATA_HOME=$HOME/.local/share
	TZ=UTC
	LC_ALL=C.UTF-8
	TERM=xterm-256color
	export HOME XDG_CONFIG_HOME XDG_DATA_HOME TZ LC_ALL TERM
	mkdir -p "$HOME"
	"$CC" -O2 -o "$tmp/benchrun" "$here/benchrun.c" || die "cannot build benchrun with $CC"
	"$CC" -O2 -o "$tmp/ptytime" "$here/ptytime.c" -lutil || die "cannot build ptytime with $CC -lutil"
	benchrun=$tmp/benchrun
	ptytime=$tmp/ptytime
	res=$tmp/results
	: >"$res"
	t_start=$(date +%s)
}

# rec NAME SIZE COMMAND...: runs COMMAND (bench, pty), its line of figures
# into the results as NAME SIZE FIGURES.
rec() {
	name=$1 size=$2
	shift 2
	out=$("$@") || exit 2
	echo "$name $size $out" >>"$res"
}
# bench ARGS...: benchrun, "median_ms min max rss_kb cpu_ms min_cpu".
bench() { "$benchrun" -n "$runs" "$@" || die "failed: $*"; }
# pty ARGS...: ptytime on 80x24, BENCH_RUNS runs, a minute at most a text.
pty() { "$ptytime" -n "$runs" -s 80x24 -t 60000 "$@" || die "failed in the terminal: $*"; }
q() { "$SQLITE3" "$@"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# summary FILE: benchrun's fields over runs of one run each: median wall,
# -, -, largest rss, median CPU.
summary() {
	echo "$(cut -d' ' -f1 "$1" | median) 0 0 $(cut -d' ' -f4 "$1" | sort -n | tail -n 1) $(cut -d' ' -f5 "$1" | median)"
}

# What `leadadmin copy` is judged by, for tests/cli_copy.sh and
# tests/pg_both.sh: a database with something in every table, and what
# the program shows of one (every list, the users, Marketing, the lead
# overview, the change log), which a copy must show alike.
# Use, after tests/lib.sh: copy_fill DB; views DB >FILE; same_views A B NAME;
# same_tables A B NAME (two SQLite files).

# copy_fill DB: a demo database (DB: a path or a URL) with user groups,
# headings, multi-language names, deleted items, Marketing Premium, web
# forms, UTM aliases, Lead categorization and sale events.
copy_fill() {
	_db=$1
	_forms=$TEST_TMP/copy-forms.jsonl _events=$TEST_TMP/copy-events.jsonl
	cat >"$_forms" <<'EOT'
{"id": "web-1", "email": "lena.fischer@example.org", "firstname": "Lena", "lastname": "Fischer", "company": "Alpha Solar GmbH", "url": "https://www.example.com/kontakt?utm_source=google&utm_medium=cpc&utm_campaign=fruehjahr", "submitted": "2026-03-02T09:15:00+01:00"}
{"id": "web-2", "email": "tom.weber@example.org", "firstname": "Tom", "lastname": "Weber", "company": "Müller Technik AG", "url": "https://www.example.com/kontakt?utm_source=newsletter&utm_campaign=messe", "submitted": "2026-03-02T10:00:00Z"}
{"id": "web-3", "email": "sara.klein@example.org", "firstname": "Sara", "lastname": "Klein", "company": "New Company Ltd", "url": "https://www.example.com/kontakt?utm_source=linkedin&utm_campaign=webinar", "submitted": "2026-03-02T11:00:00Z"}
EOT
	cat >"$_events" <<'EOT'
{"id": "ev-1", "sale": 1, "company": "Alpha Solar GmbH", "event": "sold", "when": "2026-03-03T10:00:00Z"}
EOT
	for _cmd in \
		"init --demo" \
		"usergroup add Nord" \
		"usergroup add Süd" \
		"usergroup delete Süd" \
		"user add lena.kurz --role list-admin" \
		"user edit anna.berg --group Nord" \
		"user edit paul.roth --inactive" \
		"heading add Regionen" \
		"category headings Lead Regionen" \
		"category add Reseller --name-en Reseller --name-de Wiederverkäufer" \
		"category add Straße --group partner" \
		"category delete Straße --yes" \
		"category grouping on" \
		"category visible-for Lead Nord" \
		"lead-status add Waiting --description On_hold" \
		"lead-status delete Waiting" \
		"licence enable marketing-premium" \
		"marketing set --utm on --form-category Lead --distribute associates --associates anna.berg,jonas.kraft" \
		"submit $_forms" \
		"utm alias linkedin --to LinkedIn" \
		"automation set sale-sold --category Opportunity" \
		"events $_events" \
		"lead set-status tom.weber@example.org Qualified"; do
		# shellcheck disable=SC2086 # the words of one command
		la --db "$_db" $_cmd
		[ "$RC" -eq 0 ] || { echo "# copy_fill: $_cmd: exit $RC: $ERR"; return 1; }
	done
}

# views DB: what the program shows of DB, command by command.
views() {
	for _cmd in "export" "leads" "leads --status Open --format tsv" "leads --status Qualified" \
		"log --limit 0 --format tsv" "user list" "usergroup list --deleted" \
		"category list --deleted" "category list --as-group Nord" \
		"lead-status list --deleted" "heading list" "licence list" "marketing show" \
		"utm values" "utm alias list" "automation show" "setup-check --deep"; do
		echo "== $_cmd"
		# shellcheck disable=SC2086
		la --db "$1" $_cmd
		echo "exit $RC"
		printf '%s\n%s\n' "$OUT" "$ERR"
	done
}

# same_views A B NAME: one check that A and B show the same, and that
# every command succeeded (two alike failures are no copy).
same_views() {
	views "$1" >"$TEST_TMP/views-a"
	views "$2" >"$TEST_TMP/views-b"
	if grep -q '^exit [1-9]' "$TEST_TMP/views-a"; then
		ok 1 "$3"
		grep -B1 '^exit [1-9]' "$TEST_TMP/views-a" | sed 's/^/#   /'
	elif cmp -s "$TEST_TMP/views-a" "$TEST_TMP/views-b"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff "$TEST_TMP/views-a" "$TEST_TMP/views-b" | head -30 | sed 's/^/#   /'
	fi
}

# same_tables A B NAME: one check that the SQLite files A and B hold the
# same rows, every column of every table (the row order aside).
same_tables() {
	_diff=''
	for _t in $("$SQLITE3" -batch "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"); do
		"$SQLITE3" -batch "$1" "SELECT * FROM \"$_t\"" | sort >"$TEST_TMP/table-a"
		"$SQLITE3" -batch "$2" "SELECT * FROM \"$_t\"" 2>&1 | sort >"$TEST_TMP/table-b"
		cmp -s "$TEST_TMP/table-a" "$TEST_TMP/table-b" || _diff="$_diff $_t"
	done
	is "$_diff" "" "$3"
}
